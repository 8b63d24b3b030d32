import { mergeTests } from '@playwright/test';
import { test as roaming, expect } from 'roaming-harness';
import { specs } from 'roaming-harness/specs';
import { RoamingStatusService } from '../src/roaming-status.js';
import { test as ours } from './fixtures.js';

// Added for roaming-harness: the YAML specs, and our own fixture pointed at the roaming world's HLR.
specs('specs/*.roam.yaml');
const test = mergeTests(ours, roaming).extend({
  statusService: async ({ world }, use) =>
    use(new RoamingStatusService(`http://${world.links.find((link) => link.name === 'vlr:208-01 -> hlr:262-01')!.upstream}`)),
});

test('customer care sees a German roamer registered in France', async ({ world, statusService }) => {
  const roamer = await world.subscribers.create({ home: '262-01' });
  expect(await world.attach(roamer, { visited: '208-01' })).toHaveTransitioned([
    'IDLE',
    'AUTHENTICATING',
    'UPDATING_LOCATION',
    'REGISTERED',
  ]);
  expect(await statusService.statusOf(roamer.imsi)).toBe('roaming in 208-01');
});

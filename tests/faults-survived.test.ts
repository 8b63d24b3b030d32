import { test, expect } from '@playwright/test';
import { startRoamingWorld } from '../world/roaming-world.js';

test('the HLR crashes and restarts: attaches fail while it is down, then registered roamers re-register and new ones attach', async () => {
  test.setTimeout(60_000);
  await using world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'] });
  const [first, second, late] = await world.subscribers.createMany({ count: 3 });
  expect((await world.attach(first!, { visited: '208-01' })).state).toBe('REGISTERED');
  expect((await world.attach(second!, { visited: '208-01' })).state).toBe('REGISTERED');

  const hlr = world.homeNetwork('262-01').hlrElement!;
  await hlr.crash();
  const down = await world.attach(late!, { visited: '208-01' });
  expect(down).toMatchObject({ state: 'REJECTED', cause: 'NETWORK_FAILURE' });

  await hlr.restart({ keepState: true });
  // The VLR re-registers the roamers it serves (a new attach through the HLR), and new roamers attach.
  for (const roamer of [first!, second!, late!]) expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
  for (const roamer of [first!, second!, late!]) {
    const record = await world.hlr('262-01').getSubscriber(roamer.imsi);
    expect(record.servingVlr).toEqual({ vlrNumber: 'vlr-208-01', plmn: '208-01' });
  }
});

test('an inter-PLMN partition longer than the retry budget: attaches fail with a network cause, then recover once it heals', async () => {
  test.setTimeout(90_000);
  await using world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'] });
  const roamers = await world.subscribers.createMany({ count: 3 });
  const partition = await world.chaos.link('vlr:208-01 -> hlr:262-01').partition();

  const failed = await world.attach(roamers[0]!, { visited: '208-01' });
  // The phone gets what a real VLR sends when the home HLR is unreachable: reject cause #17.
  expect(failed).toMatchObject({ state: 'REJECTED', cause: 'NETWORK_FAILURE' });

  await partition.remove();
  const healedAt = performance.now();
  let recovered = await world.attach(roamers[1]!, { visited: '208-01' });
  while (recovered.state !== 'REGISTERED' && performance.now() - healedAt < 30_000) {
    recovered = await world.attach(roamers[1]!, { visited: '208-01' });
  }
  expect(recovered.state).toBe('REGISTERED');
  const recoveryMs = performance.now() - healedAt;
  test.info().annotations.push({ type: 'recovery time', description: `${recoveryMs.toFixed(0)} ms after the partition healed` });
  expect((await world.attach(roamers[2]!, { visited: '208-01' })).state).toBe('REGISTERED');
});

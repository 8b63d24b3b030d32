import { test, expect } from '../fixtures/test.js';

test.describe.configure({ mode: 'serial' });
test.use({ roaming: { home: ['262-01'], visited: ['208-01'] } });

let leftBehind: string | undefined;

test('a test attaches its roamers and fails with a partition in effect', async ({ world, roamers, chaos }) => {
  test.fail(true, 'fails on purpose: the roamers fixture must still detach its subscribers');
  const roamer = await roamers.create();
  expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
  leftBehind = roamer.imsi;
  await chaos.link('ue -> vlr:208-01').partition();
  throw new Error('planned failure');
});

test('the next test finds those roamers detached, and the home HLR knows it', async ({ world }) => {
  expect(leftBehind).toBeDefined();
  expect(world.simulator.servingNetworkOf(leftBehind!)).toBeUndefined();
  const record = await world.hlr('262-01').getSubscriber(leftBehind!);
  expect(record.servingVlr).toBeNull();
});

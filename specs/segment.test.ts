import { test, expect } from '@playwright/test';
import { parseSpecText } from './loader.js';
import { createGroups, virtualWorld } from './runner/worlds.js';
import { InvalidSegmentError, parseSegment, RunSegment, segmentFromEnv } from './segment.js';

test('segments read as i/n and refuse anything else, naming where they came from', () => {
  expect(parseSegment('2/4')).toMatchObject({ index: 2, count: 4 });
  expect(parseSegment(' 1 / 1 ').whole).toBe(true);
  expect(segmentFromEnv({})).toBe(RunSegment.WHOLE);
  expect(segmentFromEnv({ ROAM_SEGMENT: '3/5' }).toString()).toBe('3/5');
  for (const bad of ['0/2', '3/2', '1/0', 'a/b', '1-2', '', '1/100000']) expect(() => parseSegment(bad)).toThrow(InvalidSegmentError);
  expect(() => segmentFromEnv({ ROAM_SEGMENT: '3/2' })).toThrow(
    '[roam] Failed to use segment "3/2" (ROAM_SEGMENT): i is 3, not from 1 to 2. Give it as i/n with 1 <= i <= n, e.g. --segment 2/4.',
  );
});

test('the slices of n segments are disjoint, cover every item and differ in size by one at most', () => {
  for (const total of [0, 1, 7, 10, 10_000]) {
    for (const count of [1, 2, 3, 7]) {
      const ranges = Array.from({ length: count }, (_, i) => new RunSegment(i + 1, count).range(total));
      expect(ranges[0]![0]).toBe(0);
      expect(ranges[count - 1]![1]).toBe(total);
      for (let i = 1; i < count; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1]);
      const sizes = ranges.map(([a, b]) => b - a);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  }
  expect(new RunSegment(2, 4).rate(2000)).toBe(500);
  expect([1, 2, 3].map((i) => new RunSegment(i, 3).share(64))).toEqual([21, 21, 22]);
});

const SPEC = `scenario: segments
clock: virtual
world:
  home: { plmn: 262-01 }
  visited: [{ plmn: 208-01 }]
subscribers:
  germans: { count: 9, home: 262-01 }
steps:
  - attach: { who: germans, visited: 208-01 }
`;

test('a segment provisions its slice of each group, with the identities the whole run has; the others are unknown to its HLR', async () => {
  const spec = parseSpecText(SPEC, 'segments.roam.yaml').scenarios[0]!.spec;
  const whole = createGroups(virtualWorld(spec).sim, spec)
    .get('germans')!
    .map((s) => s.imsi);
  const worlds = [1, 2].map((i) => {
    const world = virtualWorld(spec);
    return { world, members: createGroups(world.sim, spec, new RunSegment(i, 2)).get('germans')! };
  });
  const [first, second] = worlds.map((w) => w.members.map((s) => s.imsi));
  expect(first).toHaveLength(4);
  expect(second).toHaveLength(5);
  expect([...first!, ...second!]).toEqual(whole);

  const { world, members } = worlds[0]!;
  const attached = await world.sim.run(world.sim.attach(members[0]!, '208-01'));
  expect(attached.state).toBe('REGISTERED');
  const stranger = await world.sim.run(world.sim.attach(second![0]!, '208-01'));
  expect(stranger).toMatchObject({ state: 'REJECTED', cause: 'IMSI_UNKNOWN' });
});

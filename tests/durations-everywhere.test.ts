import { test, expect } from '@playwright/test';
import { checkDrill } from '../chaos/drills/drill-schema.js';
import type { DrillDefinition, DrillTarget } from '../chaos/drills/drill-definition.js';
import { parseSpecText } from '../specs/loader.js';

// Every duration a user writes goes through the one grammar (core/duration.ts), so each
// place says the same thing about a negative or over-long one: what is wrong with it.

const target: DrillTarget = {
  checkFault: () => undefined,
  inject: () => Promise.reject(new Error('a check injects nothing')),
};

function drillWith(at: unknown): DrillDefinition {
  return {
    title: 'durations',
    steadyState: { probes: [{ name: 'up', probe: () => true, tolerance: true }] },
    method: [{ at: at as string, for: '1s', fault: { link: 'a -> b', type: 'partition' } }],
  };
}

test('a drill (the code API) says why its duration is refused', () => {
  expect(() => checkDrill(drillWith('-40ms'), target)).toThrow('method[0].at is "-40ms": "-40ms" is negative; a duration is 0 or more');
  expect(() => checkDrill(drillWith('99999999999h'), target)).toThrow('is longer than the limit of 31 days');
  expect(() => checkDrill(drillWith(`${'9'.repeat(400)}ms`), target)).toThrow(/is not a duration: expected a number and ms, s, m or h/);
  expect(() => checkDrill(drillWith('1.5s'), target)).not.toThrow();
});

function drillDocumentWith(duration: string): string {
  return `drill: durations
hypothesis: attaches recover
world: { home: { plmn: 262-01 }, visited: [{ plmn: 208-01, agreement: { tariff: eu-regulated } }] }
subscribers: { roamers: { count: 2 } }
steady-state: { attach_success: 'rate>=90%' }
method:
  - load: { who: roamers, rate: 5/s, for: ${duration}, background: true }
  - fault: { link: 'vlr:208-01 -> hlr:262-01', partition: true, at: 1s, for: 1s }
`;
}

test('a drill document (roam drill, roam run) reads durations with the same grammar and reasons', () => {
  const problem = (duration: string) => parseSpecText(drillDocumentWith(duration), 'd.roam.yaml').problems.map((p) => `${p.path}: ${p.message}`);
  expect(problem('-40ms')).toEqual(['method[0].load.for: "-40ms" is negative; a duration is 0 or more']);
  expect(problem('99999999999h')).toEqual(['method[0].load.for: "99999999999h" is longer than the limit of 31 days']);
  // Hours are in the grammar, as everywhere.
  expect(problem('1h')).toEqual([]);
});

test('the real clock sleeps as long as asked, past the 24.8 days a Node timer holds', async () => {
  const { realClock } = await import('../core/clock.js');
  const stop = new AbortController();
  // Over 2^31 - 1 ms Node fires a timer after 1 ms; the sleep must still be pending a moment later.
  const sleeping = realClock.sleep(2 ** 31 + 60_000, stop.signal).then(
    () => 'woke',
    () => 'aborted',
  );
  const state = await Promise.race([sleeping, new Promise((resolve) => setTimeout(() => resolve('sleeping'), 300))]);
  stop.abort();
  expect(state).toBe('sleeping');
  expect(await sleeping).toBe('aborted');
});

test('a spec timeout longer than a test timer can hold is refused at the field', async () => {
  const { parseSpecText } = await import('../specs/loader.js');
  const spec = (timeout: string) => `scenario: Long
timeout: ${timeout}
clock: virtual
world:
  home: { plmn: 262-01 }
  visited:
    - plmn: 208-01
subscribers:
  travellers: { count: 1 }
steps:
  - attach: { who: travellers, visited: 208-01 }
`;
  expect(parseSpecText(spec('24h'), 't.roam.yaml').problems).toEqual([]);
  const problems = parseSpecText(spec('600h'), 't.roam.yaml').problems;
  expect(problems.map((p) => `${p.location.line}:${p.path} ${p.message}`)).toEqual([
    "2:timeout 600h is longer than a test's timer can hold (24 days): use a shorter timeout, or the virtual clock for long runs",
  ]);
});

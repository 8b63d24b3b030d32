import { test, expect } from '@playwright/test';
import { VirtualClock } from '../core/virtual-clock.js';
import { SeededRandom } from '../simulator/random/seeded-random.js';
import { RejectError } from '../simulator/causes.js';
import { LinkPartitionedError, PARTITION_TIMEOUT_MS, RETRANSMIT_MS, VirtualLinks } from '../specs/runner/virtual-links.js';

// The faults of a virtual run's links: what each does to a request, and when.

const LINK = 'vlr:208-01 -> hlr:262-01';
const fault = (f: Record<string, unknown>) => ({ direction: 'forward' as const, ...f });

function setUp() {
  const clock = new VirtualClock();
  return { clock, links: new VirtualLinks(clock, new SeededRandom(1)) };
}

/** How long one request takes on the clock, or what it throws. */
async function timed(clock: VirtualClock, work: () => Promise<void>): Promise<number | Error> {
  const start = clock.monotonic();
  try {
    await clock.settle(work());
    return clock.monotonic() - start;
  } catch (error) {
    return error as Error;
  }
}

test('latency with jitter delays each request within its range', async () => {
  const { clock, links } = setUp();
  links.add(LINK, fault({ latency: 40, jitter: 10 }));
  const waits = [];
  for (let i = 0; i < 50; i++) waits.push((await timed(clock, () => links.pass(LINK))) as number);
  expect(Math.min(...waits)).toBeGreaterThanOrEqual(30);
  expect(Math.max(...waits)).toBeLessThanOrEqual(50);
  expect(new Set(waits).size).toBeGreaterThan(10);
  expect(await timed(clock, () => links.pass('ue -> vlr:208-01'))).toBe(0);
});

test('a lost request is retransmitted after a timeout that doubles', async () => {
  const { clock, links } = setUp();
  links.add(LINK, fault({ loss: 50 })); // percent, as everywhere
  const waits = new Set<number>();
  for (let i = 0; i < 200; i++) waits.add((await timed(clock, () => links.pass(LINK))) as number);
  expect([...waits].sort((a, b) => a - b).slice(0, 3)).toEqual([0, RETRANSMIT_MS, RETRANSMIT_MS * 3]);
});

test('a partition fails requests after the timeout, only while it lasts', async () => {
  const { clock, links } = setUp();
  links.add(LINK, fault({ partition: true, at: 1000, for: 20_000 }));
  expect(await timed(clock, () => links.pass(LINK))).toBe(0);
  await clock.settle(clock.sleep(1000));
  const failed = await timed(clock, () => links.pass(LINK));
  expect(failed).toBeInstanceOf(LinkPartitionedError);
  expect(clock.monotonic()).toBe(1000 + PARTITION_TIMEOUT_MS);
  await clock.settle(clock.sleep(6000));
  expect(await timed(clock, () => links.pass(LINK))).toBe(0);
  expect(links.faultEnds).toEqual([{ link: LINK, from: 1000, until: 21_000 }]);
});

test('a refused partition fails requests at once', async () => {
  const { clock, links } = setUp();
  links.add(LINK, fault({ partition: 'refused' }));
  const failed = await timed(clock, () => links.pass(LINK));
  expect(failed).toBeInstanceOf(LinkPartitionedError);
  expect((failed as Error).message).toContain('the connection was refused: the link is partitioned');
  expect(clock.monotonic()).toBe(0);
});

test('charging on a partitioned billing link is retried with backoff until billing answers', async () => {
  const { clock, links } = setUp();
  const billing = 'vlr:208-01 -> billing:262-01';
  links.add(billing, fault({ partition: true, for: 10_000 }));
  expect(await timed(clock, () => links.pass(billing, true))).toBe(15_000); // 1 + 2 + 4 + 8 s
  expect(links.billingRetries).toEqual({ events: 1, attempts: 4 });
});

test('a throttle refuses requests beyond its rate with CONGESTION', async () => {
  const { clock, links } = setUp();
  links.add('ue -> vlr:208-01', fault({ throttle: 3 }));
  const results = await Promise.all(Array.from({ length: 5 }, () => timed(clock, () => links.pass('ue -> vlr:208-01'))));
  expect(results.filter((r) => r === 0)).toHaveLength(3);
  const refused = results.filter((r) => r instanceof RejectError) as RejectError[];
  expect(refused.map((r) => r.rejectCause)).toEqual(['CONGESTION', 'CONGESTION']);
});

test('bandwidth queues requests behind each other, and clear() ends every fault', async () => {
  const { clock, links } = setUp();
  links.add(LINK, fault({ bandwidth: 100, for: 60_000 })); // 10 ms per request
  const waits = await Promise.all(Array.from({ length: 4 }, () => timed(clock, () => links.pass(LINK))));
  expect(waits).toEqual([10, 20, 30, 40]);
  links.clear();
  expect(await timed(clock, () => links.pass(LINK))).toBe(0);
  expect(links.faultEnds[0]!.until).toBe(clock.monotonic());
});

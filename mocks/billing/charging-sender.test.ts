import { test, expect } from '@playwright/test';
import { realClock } from '../../core/clock.js';
import { ChargingLedger } from '../../simulator/billing/charging-ledger.js';
import type { ChargingEvent, ChargingPort } from '../../simulator/signaling/ports.js';
import { ElementRequestError } from '../http/client.js';
import { ReliableChargingSender } from './charging-sender.js';

const event = (n: number): ChargingEvent => ({
  idempotencyKey: `call-${n}:start`,
  kind: 'start',
  sessionId: `call-${n}`,
  imsi: '262011234567890',
  visitedPlmn: '208-01',
  service: 'voice',
  at: n,
});

/** A billing system that can be down, or lose its answers, in front of a real ledger. */
class FlakyBilling implements ChargingPort {
  readonly ledger = new ChargingLedger();
  down = false;
  loseAnswers = 0;
  attempts = 0;
  async record(e: ChargingEvent): Promise<void> {
    this.attempts++;
    if (this.down) throw new TypeError('fetch failed: ECONNREFUSED');
    this.ledger.record(e);
    if (this.loseAnswers > 0) {
      this.loseAnswers--;
      throw new TypeError('fetch failed: socket hang up');
    }
  }
}

const fast = { clock: realClock, random: () => 0.5, baseDelayMs: 5, maxDelayMs: 20, breakerOpenMs: 100, replayIntervalMs: 20 };

test('a lost answer is retried and billing records the charge once, by its idempotency key', async () => {
  const billing = new FlakyBilling();
  billing.loseAnswers = 2;
  const sender = new ReliableChargingSender(billing, fast);
  await sender.record(event(1));
  expect(billing.attempts).toBe(3);
  expect(billing.ledger.size).toBe(1);
  expect(sender.stats).toMatchObject({ delivered: 1, retries: 2, parked: 0 });
  sender.stop();
});

test('an outage opens the breaker, parks events in order, and replays them all once billing is back', async () => {
  const billing = new FlakyBilling();
  const sender = new ReliableChargingSender(billing, { ...fast, breakerThreshold: 3 });
  billing.down = true;
  for (let n = 1; n <= 20; n++) await sender.record(event(n));
  expect(sender.stats.breaker).not.toBe('closed');
  expect(sender.deadLetters.map((d) => d.event.sessionId)).toEqual(Array.from({ length: 20 }, (_, i) => `call-${i + 1}`));
  // The breaker stops the hammering: far fewer attempts than 20 events x 4 attempts.
  expect(billing.attempts).toBeLessThan(30);

  billing.down = false;
  expect(await sender.drain(5_000)).toBe(true);
  expect(billing.ledger.events().map((e) => e.sessionId)).toEqual(Array.from({ length: 20 }, (_, i) => `call-${i + 1}`));
  expect(sender.stats).toMatchObject({ replayed: 20, breaker: 'closed' });
  expect(sender.deadLetters).toEqual([]);
  sender.stop();
});

test('a rejected event (4xx) is not retried: it is parked for inspection, never replayed', async () => {
  const rejecting: ChargingPort = {
    record: async () => {
      throw new ElementRequestError('billing.recordChargingEvent', 'http://x', 400, undefined, 'imsi: expected an IMSI');
    },
  };
  const sender = new ReliableChargingSender(rejecting, fast);
  await sender.record(event(1));
  expect(sender.stats).toMatchObject({ rejected: 1, retries: 0, parked: 1 });
  expect(sender.deadLetters[0]).toMatchObject({ replayable: false });
  expect(await sender.drain(200)).toBe(true);
  sender.stop();
});

test('an error marked permanent (an OCS refusing for credit, or a 5xxx Diameter result) is parked, never retried or replayed', async () => {
  let attempts = 0;
  const refusing: ChargingPort = {
    record: async () => {
      attempts++;
      throw Object.assign(new Error('the OCS answered DIAMETER_CREDIT_LIMIT_REACHED (4012)'), { permanent: true });
    },
  };
  const sender = new ReliableChargingSender(refusing, fast);
  await sender.record(event(1));
  expect(attempts).toBe(1);
  expect(sender.stats).toMatchObject({ rejected: 1, retries: 0, parked: 1, breaker: 'closed' });
  expect(sender.deadLetters[0]).toMatchObject({ replayable: false, reason: expect.stringMatching(/^rejected: .*4012/) });
  sender.stop();
});

test('backoff doubles per retry up to the cap, with full jitter', async () => {
  const delays: number[] = [];
  const clock = { ...realClock, sleep: async (ms: number) => void delays.push(ms) };
  const billing = new FlakyBilling();
  billing.down = true;
  const sender = new ReliableChargingSender(billing, {
    clock,
    random: () => 0.999,
    attempts: 6,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    breakerThreshold: 100,
  });
  await sender.record(event(1));
  sender.stop();
  // 0.999 of 100, 200, 400, 800, then of the 1,000 ms cap.
  expect(delays.slice(0, 5)).toEqual([100, 200, 400, 799, 999]);
});

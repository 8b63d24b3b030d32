import { test, expect } from '@playwright/test';
import { ReliableChargingSender } from '../../mocks/billing/charging-sender.js';
import { realClock } from '../../core/clock.js';
import type { ChargingEvent } from '../../simulator/signaling/ports.js';
import { DiameterResultError } from './peer-errors.js';
import { CreditLimitReachedError } from './gy/gy-errors.js';

const event: ChargingEvent = {
  idempotencyKey: 'call-1:start:1',
  kind: 'start',
  sessionId: 'call-1',
  imsi: '262011234567890',
  visitedPlmn: '208-01',
  service: 'voice',
  at: 1,
};

test('a 5xxx result is permanent, a 3xxx or 4xxx one is not', () => {
  expect(new DiameterResultError('charge', 'ocs', { code: 5030 }).permanent).toBe(true);
  expect(new DiameterResultError('charge', 'ocs', { code: 5004, vendorId: 10415 }).permanent).toBe(true);
  expect(new DiameterResultError('charge', 'ocs', { code: 3004 }).permanent).toBe(false);
  expect(new DiameterResultError('charge', 'ocs', { code: 4010 }).permanent).toBe(false);
});

test("the charging sender parks an OCS's permanent refusals at once and retries its transient ones", async () => {
  const fast = { clock: realClock, random: () => 0, baseDelayMs: 1, maxDelayMs: 2, attempts: 3 };
  for (const [error, attempts, replayable] of [
    [new CreditLimitReachedError('voice', 'start'), 1, false],
    [new DiameterResultError('charge start of voice', 'ocs', { code: 5030 }), 1, false],
    [new DiameterResultError('charge start of voice', 'ocs', { code: 3004 }), 3, true],
  ] as const) {
    let tried = 0;
    const sender = new ReliableChargingSender(
      {
        record: async () => {
          tried++;
          throw error;
        },
      },
      fast,
    );
    await sender.record(event);
    sender.stop();
    expect([tried, sender.deadLetters[0]?.replayable]).toEqual([attempts, replayable]);
  }
});

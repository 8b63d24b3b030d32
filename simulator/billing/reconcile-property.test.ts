import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import type { ChargingEvent } from '../signaling/ports.js';
import { RoamingAgreements, TARIFFS } from '../policy/agreements.js';
import type { OpenUsage } from './cdr-collector.js';
import { rateWith, RatingEngine } from './rating.js';
import { DIFFERENCE_KINDS, reconcile, type DifferenceKind } from './reconcile.js';
import { StreamingReconciler } from './streaming-reconciler.js';
import type { BilledRecord } from './usage-collector.js';
import type { UsageRecord, UsageService } from './usage-record.js';

// Mixes of every fault billing can have, injected at random into an honest bill: reconciliation
// must report exactly what was injected, each under its own kind, and nothing else.

const agreements = new RoamingAgreements();
agreements.add('262-01', '208-01', TARIFFS['eu-regulated']!);
agreements.add('262-01', '214-01', TARIFFS['standard']!);
const rating = new RatingEngine(agreements);
const SUBSCRIBERS = ['262011000000001', '262011000000002', '262011000000003'];
const STRANGER = '262019999999999';
const HOUR = 3_600_000;

const FAULTS = ['none', 'missing', 'duplicated', 'quantity', 'tariff', 'wrongSubscriber', 'wrongNetwork', 'openAtEnd', 'inFlight'] as const;
type Fault = (typeof FAULTS)[number];
/** Which kind of finding each fault must show up as. */
const KIND_OF: Record<Exclude<Fault, 'none'>, DifferenceKind> = {
  missing: 'missing',
  duplicated: 'duplicated',
  quantity: 'misRated',
  tariff: 'misRated',
  wrongSubscriber: 'wrongSubscriber',
  wrongNetwork: 'wrongNetwork',
  openAtEnd: 'openAtEnd',
  inFlight: 'inFlight',
};

const usage = fc.record({
  service: fc.constantFrom<UsageService>('voice', 'data', 'sms'),
  subscriber: fc.nat(SUBSCRIBERS.length - 1),
  visited: fc.constantFrom('208-01', '214-01'),
  amount: fc.integer({ min: 1, max: 5_000_000 }),
  fraction: fc.integer({ min: 0, max: 999 }),
  fault: fc.constantFrom(...FAULTS),
  off: fc.integer({ min: 1, max: 900 }),
});
const mix = fc.record({
  usages: fc.array(usage, { minLength: 1, maxLength: 14 }),
  ghosts: fc.nat(3),
  order: fc.array(fc.nat(), { maxLength: 40 }),
});

interface Built {
  truth: UsageRecord[];
  billed: BilledRecord[];
  open: OpenUsage[];
  inFlight: ChargingEvent[];
  expected: Record<DifferenceKind, string[]>;
  matched: number;
}

type Usage = typeof usage extends fc.Arbitrary<infer U> ? U : never;

function build({ usages, ghosts }: { readonly usages: readonly Usage[]; readonly ghosts: number }): Built {
  const built: Built = { truth: [], billed: [], open: [], inFlight: [], expected: emptyKinds(), matched: 0 };
  let n = 0;
  const billOf = (record: UsageRecord, tariff = rating.tariffFor(record.homePlmn, record.visitedPlmn)!) => ({
    ...rateWith(record, tariff),
    recordId: `cdr-${++n}`,
  });
  usages.forEach((u, i) => {
    const truth: UsageRecord = {
      sessionId: `s-${i}`,
      imsi: SUBSCRIBERS[u.subscriber]!,
      homePlmn: '262-01',
      visitedPlmn: u.visited as UsageRecord['visitedPlmn'],
      service: u.service,
      // Hours apart: no two usages could be taken for each other by content.
      startedAt: 1_750_000_000_000 + i * HOUR,
      ...(u.service === 'voice'
        ? { seconds: (u.amount % 7200) + u.fraction / 1000 }
        : u.service === 'data'
          ? { bytes: u.amount }
          : { messages: (u.amount % 9) + 1 }),
    };
    built.truth.push(truth);
    if (u.fault === 'none') built.matched++;
    else built.expected[KIND_OF[u.fault]].push(truth.sessionId);
    switch (u.fault) {
      case 'none':
        return void built.billed.push(billOf(truth));
      case 'missing':
        return;
      case 'duplicated':
        return void built.billed.push(billOf(truth), billOf(truth));
      case 'quantity': {
        const short: UsageRecord =
          truth.service === 'voice'
            ? { ...truth, seconds: Math.max(0, truth.seconds! - u.off / 1000) }
            : truth.service === 'data'
              ? { ...truth, bytes: truth.bytes! + u.off }
              : { ...truth, messages: truth.messages! + 1 };
        return void built.billed.push(billOf(short));
      }
      case 'tariff':
        return void built.billed.push(billOf(truth, TARIFFS['premium']!));
      case 'wrongSubscriber':
        return void built.billed.push(billOf({ ...truth, imsi: STRANGER }));
      case 'wrongNetwork': {
        const elsewhere = truth.visitedPlmn === '208-01' ? '214-01' : '208-01';
        return void built.billed.push(billOf({ ...truth, visitedPlmn: elsewhere }));
      }
      case 'openAtEnd':
        return void built.open.push({ ...truth, seconds: 0, bytes: 0, messages: 0, events: ['start'] });
      case 'inFlight':
        return void built.inFlight.push({
          idempotencyKey: `${truth.sessionId}:stop:2`,
          kind: truth.service === 'sms' ? 'event' : 'stop',
          sessionId: truth.sessionId,
          imsi: truth.imsi,
          visitedPlmn: truth.visitedPlmn,
          service: truth.service,
          at: truth.startedAt,
        });
    }
  });
  for (let g = 0; g < ghosts; g++) {
    const ghost = billOf({ ...built.truth[0]!, sessionId: `ghost-${g}`, startedAt: 1_700_000_000_000 + g * HOUR });
    built.billed.push(ghost);
    built.expected.unexpected.push(ghost.sessionId);
  }
  return built;
}

function emptyKinds(): Record<DifferenceKind, string[]> {
  return Object.fromEntries(DIFFERENCE_KINDS.map((k) => [k, []])) as unknown as Record<DifferenceKind, string[]>;
}

/** The sessions a report lists under each kind. */
function reported(report: ReturnType<typeof reconcile>): Record<DifferenceKind, string[]> {
  const sorted = (ids: string[]) => ids.sort();
  return {
    missing: sorted(report.missing.map((m) => m.truth.sessionId)),
    duplicated: sorted(report.duplicated.map((d) => d.truth.sessionId)),
    misRated: sorted(report.misRated.map((m) => m.truth.sessionId)),
    wrongSubscriber: sorted(report.wrongSubscriber.map((w) => w.truth.sessionId)),
    wrongNetwork: sorted(report.wrongNetwork.map((w) => w.truth.sessionId)),
    unexpected: sorted(report.unexpected.map((u) => u.sessionId)),
    openAtEnd: sorted(report.openAtEnd.map((o) => o.session.sessionId)),
    inFlight: sorted(report.inFlight.map((f) => f.sessionId)),
  };
}

test('any mix of injected faults is reported exactly: each under its kind, nothing more, nothing less', () => {
  fc.assert(
    fc.property(mix, (m) => {
      const built = build(m);
      const report = reconcile(built.truth, built.billed, { rating, open: built.open, inFlight: built.inFlight });
      const expected = Object.fromEntries(Object.entries(built.expected).map(([k, ids]) => [k, [...ids].sort()]));
      expect(reported(report)).toEqual(expected);
      expect(report.matched).toBe(built.matched);
      expect(report.clean).toBe(Object.values(built.expected).every((ids) => ids.length === 0));
    }),
    { numRuns: 300 },
  );
});

test('reconciling as records arrive, in any order, reports the same as reconciling at the end', () => {
  fc.assert(
    fc.property(mix, (m) => {
      const built = build(m);
      const whole = reconcile(built.truth, built.billed, { rating, open: built.open, inFlight: built.inFlight });
      const streaming = new StreamingReconciler({ rating });
      // Interleave the two streams as the generated order says, each in its own order.
      const truth = [...built.truth];
      const billed = [...built.billed];
      for (const pick of m.order) {
        if (pick % 2 === 0 && truth.length) streaming.addTruth(truth.shift()!);
        else if (billed.length) streaming.addBilled(billed.shift()!);
      }
      truth.forEach((t) => streaming.addTruth(t));
      billed.forEach((b) => streaming.addBilled(b));
      const result = streaming.finish({ open: built.open, inFlight: built.inFlight });
      expect(reported(result)).toEqual(reported(whole));
      expect(result.matched).toBe(whole.matched);
      expect(result.clean).toBe(whole.clean);
    }),
    { numRuns: 200 },
  );
});

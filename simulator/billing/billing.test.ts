import { test, expect } from '@playwright/test';
import type { ChargingEvent } from '../signaling/ports.js';
import { RoamingAgreements, TARIFFS } from '../policy/agreements.js';
import { RoamingSimulator } from '../simulation/roaming-simulator.js';
import { CdrCollector } from './cdr-collector.js';
import { RatingEngine, RatingError, rateWith } from './rating.js';
import { reconcile } from './reconcile.js';
import { StreamingReconciler } from './streaming-reconciler.js';
import type { BilledRecord } from './usage-collector.js';
import type { UsageRecord } from './usage-record.js';

const agreements = new RoamingAgreements();
agreements.add('262-01', '208-01', TARIFFS['eu-regulated']!);
agreements.add('262-01', '214-01', TARIFFS['premium']!);
const rating = new RatingEngine(agreements);
const usage = (over: Partial<UsageRecord>): UsageRecord => ({
  sessionId: 's1',
  imsi: '262011234567890',
  homePlmn: '262-01',
  visitedPlmn: '208-01',
  service: 'voice',
  startedAt: 0,
  ...over,
});

test('rating by the agreement’s tariff: voice per second started, data per kB started, SMS per message', () => {
  expect(rating.rate(usage({ seconds: 60 }))).toMatchObject({ tariff: 'eu-regulated', chargedUnits: 60, unit: 'second', amount: 0.019 });
  expect(rating.rate(usage({ seconds: 60.2 })).chargedUnits).toBe(61);
  expect(rating.rate(usage({ seconds: 60.0000000001 })).chargedUnits).toBe(60);
  expect(rating.rate(usage({ service: 'data', bytes: 1_000_001 }))).toMatchObject({ chargedUnits: 1001, unit: 'kB', amount: 0.001802 });
  expect(rating.rate(usage({ service: 'sms', messages: 2, visitedPlmn: '214-01' }))).toMatchObject({ tariff: 'premium', amount: 0.4 });
  expect(() => rating.rate(usage({ visitedPlmn: '222-01', seconds: 1 }))).toThrow(RatingError);
  expect(() => rating.rate(usage({ visitedPlmn: '222-01', seconds: 1 }))).toThrow(/no roaming agreement between 262-01 and 222-01/);
});

test('a call handed over between networks is rated per leg, each at its own network’s tariff', async () => {
  const sim = new RoamingSimulator({ seed: 21, agreements: 'explicit' });
  sim.registerHomeNetwork('262-01');
  sim.registerVisitedNetwork('208-01');
  sim.registerVisitedNetwork('214-01');
  sim.agreements.add('262-01', '208-01', 'eu-regulated');
  sim.agreements.add('262-01', '214-01', 'premium');
  const [roamer] = sim.createSubscribers({ home: '262-01' });
  const call = await sim.initiateCall({ subscriber: roamer!, calledParty: '+33612345678', visited: '208-01' });
  await sim.elapse(120_000);
  await sim.handoff(call.correlationId, '214-01');
  await sim.elapse(60_000);
  await sim.terminateCall(call.correlationId);
  const billed = sim.billedRecords();
  expect(billed.map((b) => [b.visitedPlmn, b.tariff, b.sessionId.endsWith('/1') ? 'leg 1' : 'leg 2'])).toEqual([
    ['208-01', 'eu-regulated', 'leg 1'],
    ['214-01', 'premium', 'leg 2'],
  ]);
  const [france, spain] = billed;
  expect(france!.seconds).toBeGreaterThan(120);
  expect(france!.seconds).toBeLessThan(122);
  expect(spain!.seconds).toBeGreaterThan(59);
  expect(spain!.seconds).toBeLessThan(61);
  expect(france!.amount).toBeCloseTo((france!.chargedUnits * 0.019) / 60, 6);
  expect(spain!.amount).toBeCloseTo((spain!.chargedUnits * 0.5) / 60, 6);
  // One tariff for the whole call would have been a different bill.
  expect(rateWith({ ...france!, seconds: france!.seconds! + spain!.seconds! }, TARIFFS['eu-regulated']!).amount).not.toBeCloseTo(
    france!.amount + spain!.amount,
    3,
  );
  expect((await sim.reconcile()).clean).toBe(true);
});

test('the CDR collector closes a record per session and takes each idempotency key once', () => {
  const cdrs = new CdrCollector('262-01');
  const event = (over: Partial<ChargingEvent>): ChargingEvent => ({
    idempotencyKey: 'k',
    kind: 'start',
    sessionId: 'c1/1',
    imsi: '262011234567890',
    visitedPlmn: '208-01',
    service: 'voice',
    at: 1000,
    ...over,
  });
  expect(cdrs.record(event({ idempotencyKey: 'c1/1:start:1' }))).toBe(true);
  expect(cdrs.record(event({ idempotencyKey: 'c1/1:start:1' }))).toBe(false); // a retry
  expect(cdrs.openSessions).toEqual(['c1/1']);
  expect(cdrs.record(event({ idempotencyKey: 'c1/1:stop:2', kind: 'stop', usage: { seconds: 42.5 } }))).toBe(true);
  expect(cdrs.record(event({ idempotencyKey: 'c1/1:stop:2', kind: 'stop', usage: { seconds: 42.5 } }))).toBe(false); // late retry after close
  expect(cdrs.record(event({ idempotencyKey: 'r', service: 'registration' }))).toBe(true);
  expect(cdrs.records).toEqual([
    {
      sessionId: 'c1/1',
      imsi: '262011234567890',
      homePlmn: '262-01',
      visitedPlmn: '208-01',
      service: 'voice',
      startedAt: 1000,
      seconds: 42.5,
    },
  ]);
  expect({ duplicates: cdrs.duplicates, registrations: cdrs.registrations, open: cdrs.openSessions }).toEqual({
    duplicates: 2,
    registrations: 1,
    open: [],
  });
});

test('reconciliation finds the planted missing, duplicated and mis-rated records, and nothing else', async () => {
  const sim = new RoamingSimulator({ seed: 33 });
  sim.registerHomeNetwork('262-01');
  sim.registerVisitedNetwork('208-01');
  sim.agreements.add('262-01', '208-01', 'eu-regulated');
  const roamers = sim.createSubscribers({ home: '262-01', count: 3 });
  for (const roamer of roamers) {
    await sim.attach(roamer, '208-01');
    const call = await sim.initiateCall({ subscriber: roamer, calledParty: '+33612345678', visited: '208-01' });
    await sim.elapse(45_000);
    await sim.terminateCall(call.correlationId);
    await sim.sendSms(roamer, '+4915199999999');
    const data = await sim.openDataSession(roamer);
    await data.close(10_000, 2_000_000);
  }
  const truth = sim.journal.records;
  const honest = sim.billedRecords();
  expect(truth).toHaveLength(9);
  expect(reconcile(truth, honest, { rating: new RatingEngine(sim.agreements) }).clean).toBe(true);

  // Plant one of each fault in what "billing" recorded.
  const [lost, doubled, wrong] = [honest[1]!, honest[4]!, honest[6]!];
  const misRated: BilledRecord = { ...rateWith(wrong, TARIFFS['premium']!), recordId: wrong.recordId };
  const planted = honest.filter((b) => b !== lost).map((b) => (b === wrong ? misRated : b));
  planted.push({ ...doubled, recordId: 'cdr-dup-1' });

  const report = reconcile(truth, planted, { rating: new RatingEngine(sim.agreements) });
  expect(report.clean).toBe(false);
  expect(report.missing.map((m) => m.truth.sessionId)).toEqual([lost.sessionId]);
  expect(report.duplicated.map((d) => [d.truth.sessionId, d.billed.map((b) => b.recordId)])).toEqual([
    [doubled.sessionId, [doubled.recordId, 'cdr-dup-1']],
  ]);
  expect(report.misRated.map((m) => m.billed.recordId)).toEqual([wrong.recordId]);
  expect(report.misRated[0]!.problems).toEqual([
    `tariff premium instead of eu-regulated`,
    `${misRated.amount} EUR instead of ${wrong.amount} EUR`,
  ]);
  expect(report.unexpected).toEqual([]);
  expect(report.matched).toBe(6);
  expect(report.summary.split('\n')[0]).toBe('9 usage records, 9 billed: 6 matched, 1 missing, 1 duplicated, 1 mis-rated, 0 unexpected');
  expect(report.summary).toContain(`missing: ${lost.service} ${lost.sessionId} in 208-01`);
  expect(report.summary).toContain(`was billed 2 times (${doubled.recordId}, cdr-dup-1)`);
});

test('usage off by more than the tolerance is mis-rated; within it, it matches; billing without usage is unexpected', () => {
  const truth = [usage({ seconds: 60 })];
  const billed = (seconds: number, sessionId = 's1'): BilledRecord => ({ ...rating.rate(usage({ seconds, sessionId })), recordId: 'r1' });
  // No tolerance unless one is given: 0.8 s off is off.
  expect(reconcile(truth, [billed(60.8)], { rating }).misRated[0]!.problems[0]).toBe('60.8 s instead of 60 s');
  const tolerant = reconcile(truth, [billed(60.8)], { rating, tolerance: { seconds: 1 } });
  expect(tolerant.clean).toBe(true);
  expect(tolerant.summary).toContain('tolerance: voice ±1 s');
  const off = reconcile(truth, [billed(75)], { rating });
  expect(off.misRated[0]!.problems[0]).toBe('75 s instead of 60 s');
  expect(reconcile(truth, [billed(60), { ...billed(10, 'ghost'), recordId: 'r2' }], { rating }).unexpected.map((u) => u.recordId)).toEqual([
    'r2',
  ]);
});

test('reconciling as records arrive finds the same planted faults, in any order, keeping only what is unmatched', () => {
  const truth = [1, 2, 3, 4].map((i) => usage({ sessionId: `s${i}`, seconds: 30 * i }));
  const bill = (t: UsageRecord, recordId: string, tariff = TARIFFS['eu-regulated']!): BilledRecord => ({
    ...rateWith(t, tariff),
    recordId,
  });
  const billed = [bill(truth[0]!, 'b1'), bill(truth[2]!, 'b3', TARIFFS['premium']!), bill(truth[3]!, 'b4'), bill(truth[3]!, 'b4-again')];
  const whole = reconcile(truth, billed, { rating });
  for (const order of ['truth first', 'billed first', 'interleaved'] as const) {
    const streaming = new StreamingReconciler({ rating });
    if (order === 'truth first') {
      truth.forEach((t) => streaming.addTruth(t));
      billed.forEach((b) => streaming.addBilled(b));
    } else if (order === 'billed first') {
      billed.forEach((b) => streaming.addBilled(b));
      truth.forEach((t) => streaming.addTruth(t));
    } else {
      streaming.addBilled(billed[0]!);
      streaming.addTruth(truth[0]!);
      expect(streaming.progress.waiting).toBe(0); // matched and dropped
      streaming.addTruth(truth[1]!);
      streaming.addTruth(truth[3]!);
      streaming.addBilled(billed[3]!);
      streaming.addBilled(billed[1]!);
      streaming.addTruth(truth[2]!);
      streaming.addBilled(billed[2]!); // a second bill after the session was reconciled
    }
    const result = streaming.finish();
    expect({ order, missing: result.missing.map((m) => m.truth.sessionId) }).toEqual({ order, missing: ['s2'] });
    expect(result.misRated.map((m) => m.billed.recordId)).toEqual(['b3']);
    expect(result.duplicated.map((d) => d.truth.sessionId)).toEqual(['s4']);
    expect(result.matched).toBe(whole.matched);
    expect(result.clean).toBe(false);
  }
});

import { test, expect } from '@playwright/test';
import type { ChargingEvent } from '../signaling/ports.js';
import { RoamingAgreements, TARIFFS } from '../policy/agreements.js';
import { CdrCollector } from './cdr-collector.js';
import { RatingEngine } from './rating.js';
import { reconcile } from './reconcile.js';
import type { BilledRecord } from './usage-collector.js';
import type { UsageRecord } from './usage-record.js';

// Each way reconciliation could be fooled, tried as an attacker (or a bug) would: the report must
// name the difference instead of calling the run clean.

const agreements = new RoamingAgreements();
agreements.add('262-01', '208-01', TARIFFS['eu-regulated']!);
agreements.add('262-01', '214-01', TARIFFS['premium']!);
const rating = new RatingEngine(agreements);
const ROAMER = '262011234567890';
const VICTIM = '262019999999999';

const call = (over: Partial<UsageRecord> = {}): UsageRecord => ({
  sessionId: 'vlr-208-01-call-1/1',
  imsi: ROAMER,
  homePlmn: '262-01',
  visitedPlmn: '208-01',
  service: 'voice',
  startedAt: 1_700_000_000_000,
  seconds: 60,
  ...over,
});
let ids = 0;
const bill = (usage: UsageRecord, over: Partial<BilledRecord> = {}): BilledRecord => ({
  ...rating.rate(usage),
  recordId: `cdr-${++ids}`,
  ...over,
});

test('a VLR restarted without its state reuses a session id: one CDR does not cover two calls', () => {
  const first = call();
  const second = call({ startedAt: first.startedAt + 600_000, seconds: 45 });
  // Billing dropped the second call's events as retries of the first: one CDR for two calls.
  const report = reconcile([first, second], [bill(first)], { rating });
  expect(report.clean, report.summary).toBe(false);
  expect(report.matched).toBe(1);
  expect(report.missing.map((m) => m.truth)).toEqual([second]);
  expect(report.summary.split('\n')[0]).toBe('2 usage records, 1 billed: 1 matched, 1 missing, 0 duplicated, 0 mis-rated, 0 unexpected');
});

test('usage billed to another subscriber is reported as wrong subscriber, even under the right session id', () => {
  const truth = call();
  const forged = bill(truth, { imsi: VICTIM });
  const report = reconcile([truth], [forged], { rating });
  expect(report.clean, report.summary).toBe(false);
  expect(report.matched).toBe(0);
  expect(report.wrongSubscriber.map((w) => [w.truth.imsi, w.billed.imsi])).toEqual([[ROAMER, VICTIM]]);
  expect(report.summary).toContain('wrong subscriber');
  // The home network is compared too: a record of the right IMSI filed under another home is wrong.
  const elsewhere = reconcile([truth], [bill(truth, { homePlmn: '262-02' })], { rating });
  expect(elsewhere.wrongSubscriber).toHaveLength(1);
});

test('usage billed in another visited network is reported as wrong network', () => {
  const truth = call();
  const report = reconcile([truth], [bill(call({ visitedPlmn: '214-01' }), { sessionId: truth.sessionId })], { rating });
  expect(report.wrongNetwork.map((w) => w.billed.visitedPlmn)).toEqual(['214-01']);
  expect(report.clean).toBe(false);
});

test('a call billed short by less than a second is mis-rated unless a tolerance is given, and the tolerance is reported', () => {
  const truth = call({ seconds: 60 });
  const short = bill(call({ seconds: 59.2 }));
  const strict = reconcile([truth], [short], { rating });
  expect(strict.misRated.map((m) => m.problems[0])).toEqual(['59.2 s instead of 60 s']);
  expect(strict.tolerance).toEqual({ seconds: 0, bytes: 0, startMs: 0 });
  const lenient = reconcile([truth], [short], { rating, tolerance: { seconds: 1 } });
  expect(lenient.clean, lenient.summary).toBe(true);
  expect(lenient.summary).toContain('tolerance: voice ±1 s');
  expect(lenient.summary).toContain('1 matched within tolerance');
});

test('every copy of a duplicated CDR is compared: a mis-rated third copy is reported, not hidden behind the first', () => {
  const truth = call();
  const right = bill(truth);
  const copy = { ...right, recordId: 'cdr-copy' };
  const wrongCopy = { ...bill(call({ seconds: 90 }), { sessionId: truth.sessionId }), recordId: 'cdr-wrong-copy' };
  const report = reconcile([truth], [right, copy, wrongCopy], { rating });
  expect(report.duplicated.map((d) => d.billed.map((b) => b.recordId))).toEqual([[right.recordId, 'cdr-copy', 'cdr-wrong-copy']]);
  expect(report.duplicated[0]!.detail).toContain('cdr-wrong-copy: 90 s instead of 60 s');
  expect(report.matched).toBe(0);
});

test('a billing session still open at the end is reported as open, not forgotten', () => {
  const truth = call();
  const cdrs = new CdrCollector('262-01');
  const event = (kind: ChargingEvent['kind'], at: number, usage?: ChargingEvent['usage']): ChargingEvent => ({
    idempotencyKey: `${truth.sessionId}:${kind}`,
    kind,
    sessionId: truth.sessionId,
    imsi: ROAMER,
    visitedPlmn: '208-01',
    service: 'voice',
    at,
    ...(usage ? { usage } : {}),
  });
  cdrs.record(event('start', truth.startedAt)); // the stop never arrived
  const report = reconcile([truth], [], { rating, open: cdrs.openUsage });
  expect(report.missing).toEqual([]);
  expect(report.openAtEnd.map((o) => [o.session.sessionId, o.truth?.sessionId])).toEqual([[truth.sessionId, truth.sessionId]]);
  expect(report.clean).toBe(false);
  expect(report.summary).toContain('open at end');
});

test('a late retry after the closed-session memory is trimmed opens a session that reconciliation reports', () => {
  const cdrs = new CdrCollector('262-01', { closedSessionLimit: 1 });
  const events = (sessionId: string, at: number): ChargingEvent[] => [
    { idempotencyKey: `${sessionId}:start:1`, kind: 'start', sessionId, imsi: ROAMER, visitedPlmn: '208-01', service: 'voice', at },
    {
      idempotencyKey: `${sessionId}:stop:2`,
      kind: 'stop',
      sessionId,
      imsi: ROAMER,
      visitedPlmn: '208-01',
      service: 'voice',
      at: at + 60_000,
      usage: { seconds: 60 },
    },
  ];
  const [start1, stop1] = events('c1/1', 1_000);
  const [start2, stop2] = events('c2/1', 100_000);
  for (const e of [start1!, stop1!, start2!, stop2!]) cdrs.record(e);
  cdrs.record(start1!); // c1/1 was forgotten: its late retry opens a session that never closes
  const truth = [call({ sessionId: 'c1/1', startedAt: 1_000 }), call({ sessionId: 'c2/1', startedAt: 100_000 })];
  const billed = cdrs.records.map((r) => bill(r));
  const report = reconcile(truth, billed, { rating, open: cdrs.openUsage });
  expect(report.matched).toBe(2);
  expect(report.openAtEnd.map((o) => o.session.sessionId)).toEqual(['c1/1']);
  expect(report.openAtEnd[0]!.detail).toContain('already billed');
  expect(report.clean).toBe(false);
});

test('charging events still parked at the sender are reported as not yet delivered, not as never billed', () => {
  const truth = call();
  const parked: ChargingEvent = {
    idempotencyKey: `${truth.sessionId}:stop:2`,
    kind: 'stop',
    sessionId: truth.sessionId,
    imsi: ROAMER,
    visitedPlmn: '208-01',
    service: 'voice',
    at: truth.startedAt + 60_000,
    usage: { seconds: 60 },
  };
  const report = reconcile([truth], [], { rating, inFlight: [parked] });
  expect(report.missing).toEqual([]);
  expect(report.inFlight.map((f) => [f.sessionId, f.truth?.sessionId, f.events.length])).toEqual([[truth.sessionId, truth.sessionId, 1]]);
  expect(report.summary).toContain('in flight');
  expect(report.clean).toBe(false);
});

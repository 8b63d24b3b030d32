import { test, expect } from '../fixtures/test.js';
import { MetricSamples } from '../fixtures/matchers.js';
import { RoamingAgreements, TARIFFS } from '../simulator/policy/agreements.js';
import { RatingEngine } from '../simulator/billing/rating.js';
import { reconcile, type Reconciliation } from '../simulator/billing/reconcile.js';
import { rateRecords } from '../simulator/billing/usage-collector.js';
import type { UsageRecord } from '../simulator/billing/usage-record.js';

// Each roaming matcher passes and fails with a message that shows expected versus received, and honours `.not`.

const REGISTERED = ['IDLE', 'AUTHENTICATING', 'UPDATING_LOCATION', 'REGISTERED'];

function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message.replace(/\u001b\[\d+m/g, '');
  }
  throw new Error('the assertion passed; expected it to fail');
}

test.describe('toHaveTransitioned', () => {
  test('passes on the exact path and on a subsequence, and fails showing both paths', () => {
    expect({ path: REGISTERED }).toHaveTransitioned(REGISTERED);
    expect({ path: REGISTERED }).toHaveTransitioned(['IDLE', 'REGISTERED'], { mode: 'subsequence' });
    expect({ path: REGISTERED }).not.toHaveTransitioned(['IDLE', 'REGISTERED']);
    const message = failure(() =>
      expect({ path: ['IDLE', 'AUTHENTICATING', 'REJECTED'], cause: 'ILLEGAL_MS' }).toHaveTransitioned(REGISTERED),
    );
    expect(message).toContain('Expected path: "IDLE → AUTHENTICATING → UPDATING_LOCATION → REGISTERED"');
    expect(message).toContain('Received path:    "IDLE → AUTHENTICATING → REJECTED"');
    expect(message).toContain('Reject cause: ILLEGAL_MS');
    const negated = failure(() => expect({ path: REGISTERED }).not.toHaveTransitioned(REGISTERED));
    expect(negated).toContain('.not.toHaveTransitioned');
    expect(negated).toContain('Expected path: not "IDLE');
  });
});

test.describe('toMeetSlo', () => {
  test('checks plain samples and tag-selected samples, and records the verdict', () => {
    expect([100, 200, 300], 'attach_latency p(95)<450ms').toMeetSlo('p(95)<450ms');
    expect([true, true, false]).not.toMeetSlo('rate>=99.5%');
    const samples = new MetricSamples();
    samples.add('attach_latency', 100, { visited: '208-01' });
    samples.add('attach_latency', 900, { visited: '214-01' });
    expect(samples).toMeetSlo('max<200ms', { metric: 'attach_latency{visited:208-01}' });
    const message = failure(() => expect(samples).toMeetSlo('max<200ms', { metric: 'attach_latency{visited:214-01}' }));
    expect(message).toContain('Metric:   attach_latency{visited:214-01}');
    expect(message).toContain('Expected: "max<200ms"');
    expect(message).toContain('Measured: "900ms" over 1 samples');
    const negated = failure(() => expect([1, 2]).not.toMeetSlo('avg<200ms'));
    expect(negated).toContain('Expected: not "avg<200ms"');
    const records = test
      .info()
      .annotations.filter((a) => a.type === 'roam:slo')
      .map((a) => JSON.parse(a.description!));
    expect(records.map((r) => r.metric)).toContain('attach_latency{visited:214-01}');
    expect(records.find((r) => r.metric === 'attach_latency')).toMatchObject({ slo: 'p(95)<450ms', pass: true });
  });

  test('an SLO that does not parse names the character and shows the grammar', () => {
    const message = failure(() => expect([1]).toMeetSlo('p95<450ms'));
    expect(message).toContain('at character 1');
    expect(message).toContain('aggregate := p(<0-100>) | avg | min | max | med | rate | count');
  });
});

test.describe('toBeReconciled', () => {
  const agreements = new RoamingAgreements();
  agreements.add('262-01', '208-01', TARIFFS['eu-regulated']!);
  const rating = new RatingEngine(agreements);
  const truth: UsageRecord[] = [
    {
      sessionId: 'call-1/1',
      imsi: '262011234567890',
      homePlmn: '262-01',
      visitedPlmn: '208-01',
      service: 'voice',
      startedAt: 0,
      seconds: 90,
    },
    {
      sessionId: 'data-2',
      imsi: '262011234567890',
      homePlmn: '262-01',
      visitedPlmn: '208-01',
      service: 'data',
      startedAt: 0,
      bytes: 5_000_000,
    },
    { sessionId: 'sms-3', imsi: '262011234567891', homePlmn: '262-01', visitedPlmn: '208-01', service: 'sms', startedAt: 0, messages: 1 },
  ];

  test('passes when every record is billed once at the tariff', () => {
    const report = reconcile(truth, rateRecords(truth, rating), { rating });
    expect(report).toBeReconciled();
    expect(failure(() => expect(report).not.toBeReconciled())).toContain('.not.toBeReconciled');
  });

  test('fails with a diff of missing, duplicated and mis-rated records', () => {
    const billed = rateRecords(truth, rating);
    const wrong = [{ ...billed[0]!, amount: billed[0]!.amount * 3 }, billed[1]!, { ...billed[1]!, recordId: 'cdr-99' }];
    const report = reconcile(truth, wrong, { rating });
    expect(report).not.toBeReconciled();
    const message = failure(() => expect(report).toBeReconciled());
    expect(message).toContain('Expected: 0 unreconciled records');
    expect(message).toContain('Received: 3 unreconciled');
    expect(message).toMatch(/missing: used but never billed \(1\):\n\s+- sms sms-3 in 208-01/);
    expect(message).toMatch(/duplicated: billed more than once \(1\):\n\s+- data data-2 in 208-01 .* billed 2 times/);
    expect(message).toMatch(/mis-rated: billed wrong \(1\):\n\s+- cdr-1: .* EUR instead of .* EUR/);
  });

  test('says what to pass when given something else', () => {
    expect(failure(() => expect({} as unknown as Reconciliation).toBeReconciled())).toContain('Pass the result of simulator.reconcile()');
  });
});

test.describe('toHaveAttachSuccessRate', () => {
  const outcomes = [...Array.from({ length: 199 }, () => ({ state: 'REGISTERED' })), { state: 'REJECTED', cause: 'PLMN_NOT_ALLOWED' }];

  test('passes at or above the rate, in any of its forms', () => {
    expect(outcomes).toHaveAttachSuccessRate(0.995);
    expect(outcomes).toHaveAttachSuccessRate(99.5);
    expect(outcomes).toHaveAttachSuccessRate('99.5%');
    expect(outcomes).not.toHaveAttachSuccessRate('99.9%');
  });

  test('fails with the measured rate and the failures by cause', () => {
    const message = failure(() => expect(outcomes).toHaveAttachSuccessRate('99.9%'));
    expect(message).toContain('Expected: at least "99.9%"');
    expect(message).toContain('Received: "99.5%" (199 of 200 registered)');
    expect(message).toContain('REJECTED PLMN_NOT_ALLOWED: 1');
    const negated = failure(() => expect(outcomes).not.toHaveAttachSuccessRate(0.99));
    expect(negated).toContain('Expected: below "99%"');
    expect(failure(() => expect([]).toHaveAttachSuccessRate(0.5))).toContain('Received: "no attaches" (0 of 0 registered)');
  });
});

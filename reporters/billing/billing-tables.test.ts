import { test, expect } from '@playwright/test';
import { IdentityHasher } from '../../simulator/identity-hasher.js';
import type { ChargingEvent } from '../../simulator/signaling/ports.js';
import { isReconciled, reconciliationCsv, reconciliationHtml, type ReconciliationReport } from './reconciliation-report.js';
import { usageRecordsByVisitedNetwork, usageRecordsCsv } from './usage-records.js';
import { cdrsCsv } from './cdr-table.js';

const hasher = new IdentityHasher('test-key');
const IMSI = '262011234567890';
const REPORT: ReconciliationReport = {
  missing: [{ sessionId: 's-1', imsi: IMSI, service: 'voice', expected: { seconds: 60, amount: 0.12 } }],
  duplicated: [{ sessionId: 's-2', imsi: IMSI, idempotencyKey: 'k-2', copies: 2 }],
  misRated: [
    {
      sessionId: 's-3',
      msisdn: '4915112345678',
      tariff: '=HYPERLINK("x")',
      charged: 1.5,
      expected: 0.5,
      k: '00112233445566778899aabbccddeeff',
    },
  ],
};

test('the reconciliation CSV has a finding column, every field, pseudonyms and no secrets', () => {
  const csv = reconciliationCsv(REPORT, { identities: hasher });
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'finding,sessionId,subscriber_id,service,expected.seconds,expected.amount,idempotencyKey,copies,msisdn_id,tariff,charged,expected',
  );
  expect(lines).toHaveLength(4);
  expect(lines[1]).toBe(`missing,s-1,${hasher.subscriber(IMSI)},voice,60,0.12,,,,,,`);
  expect(lines[3]).toContain(`misRated,s-3,,,,,,,${hasher.msisdn('4915112345678')},"'=HYPERLINK(""x"")",1.5,0.5`);
  expect(csv).not.toContain(IMSI);
  expect(csv).not.toContain('00112233445566778899aabbccddeeff');
});

test('without pseudonyms, identities are redacted rather than shown', () => {
  const csv = reconciliationCsv(REPORT);
  expect(csv).not.toContain(IMSI);
  expect(csv).toContain('[redacted]');
});

test('the reconciliation HTML is a self-contained page with one escaped table per kind of finding', () => {
  const html = reconciliationHtml(REPORT, { identities: hasher });
  expect(html).toMatch(/^<!DOCTYPE html>/);
  expect(html).toContain('Drift: 1 missing, 1 duplicated, 1 mis-rated.');
  expect(html).toContain('<h2>Missing (1)</h2>');
  expect(html).toContain('<h2>Mis-rated (1)</h2>');
  expect(html).toContain('=HYPERLINK(&quot;x&quot;)');
  expect(html).not.toMatch(/<script|https?:\/\//);
  expect(html).not.toContain(IMSI);
  const clean = reconciliationHtml({ missing: [], duplicated: [], misRated: [] });
  expect(clean).toContain('Reconciled: every charge matches');
  expect(isReconciled({ missing: [], duplicated: [], misRated: [] })).toBe(true);
  expect(isReconciled(REPORT)).toBe(false);
});

test('usage records group CDRs by visited network and session, with pseudonyms', () => {
  const base = { imsi: IMSI, service: 'data' as const, sessionId: 'd-1', visitedPlmn: '208-01' as const };
  const events: ChargingEvent[] = [
    { ...base, idempotencyKey: 'a', kind: 'start', at: 1_000 },
    { ...base, idempotencyKey: 'b', kind: 'interim', at: 2_000, usage: { bytes: 500 } },
    { ...base, idempotencyKey: 'c', kind: 'stop', at: 3_000, usage: { bytes: 250, seconds: 2 } },
    {
      ...base,
      idempotencyKey: 'd',
      kind: 'event',
      at: 1_500,
      service: 'sms',
      sessionId: 's-9',
      visitedPlmn: '214-01',
      usage: { messages: 1 },
    },
  ];
  const byPlmn = usageRecordsByVisitedNetwork(events, hasher);
  expect([...byPlmn.keys()].sort()).toEqual(['208-01', '214-01']);
  expect(byPlmn.get('208-01')).toEqual([
    expect.objectContaining({ sessionId: 'd-1', bytes: 750, seconds: 2, events: 3, closed: true, subscriberId: hasher.subscriber(IMSI) }),
  ]);
  const csv = usageRecordsCsv(byPlmn.get('214-01')!);
  expect(csv.split('\r\n')[0]).toBe(
    'sender_plmn,session_id,subscriber_id,service,started_at,ended_at,seconds,bytes,messages,events,closed',
  );
  expect(csv).toContain('214-01,s-9,');
  expect(csv).not.toContain(IMSI);
});

test('unexpected charges are a kind of finding only when the reconciliation reports them', () => {
  const withUnexpected = { ...REPORT, unexpected: [{ recordId: 'cdr-9', imsi: IMSI, service: 'sms', visitedPlmn: '208-01' }] };
  expect(reconciliationHtml(REPORT)).not.toContain('Unexpected');
  const html = reconciliationHtml(withUnexpected, { identities: hasher });
  expect(html).toContain('Drift: 1 missing, 1 duplicated, 1 mis-rated, 1 unexpected.');
  expect(html).toContain('<h2>Unexpected (1)</h2>');
  expect(reconciliationCsv(withUnexpected, { identities: hasher })).toContain(`unexpected,,${hasher.subscriber(IMSI)},sms,`);
  expect(isReconciled({ missing: [], duplicated: [], misRated: [], unexpected: [{ recordId: 'x' }] })).toBe(false);
  expect(isReconciled({ missing: [], duplicated: [], misRated: [], unexpected: [] })).toBe(true);
});

test('CDRs as CSV: every field, pseudonyms for identities, no SIM secrets, and a header even when empty', () => {
  const csv = cdrsCsv(
    [
      {
        recordId: 'cdr-1',
        imsi: IMSI,
        visitedPlmn: '208-01',
        service: 'voice',
        seconds: 61,
        amount: 0.02,
        opc: 'cd63cb71954a9f4e48a5994e37a02baf',
      },
      { recordId: 'cdr-2', imsi: IMSI, visitedPlmn: '208-01', service: 'data', bytes: 1000 },
    ],
    hasher,
  );
  const lines = csv.trimEnd().split('\r\n');
  expect(lines).toEqual([
    'recordId,subscriber_id,visitedPlmn,service,seconds,amount,bytes',
    `cdr-1,${hasher.subscriber(IMSI)},208-01,voice,61,0.02,`,
    `cdr-2,${hasher.subscriber(IMSI)},208-01,data,,,1000`,
  ]);
  expect(cdrsCsv([])).toBe('record\r\n');
});

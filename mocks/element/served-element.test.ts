import { test, expect } from '@playwright/test';
import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { IdentityHasher } from '../../simulator/identity-hasher.js';
import { billingElement } from '../billing/element.js';
import { serveElement } from './served-element.js';

const IMSI = '262011234567890';
const event = (key: string) => ({
  idempotencyKey: key,
  kind: 'start',
  sessionId: key,
  imsi: IMSI,
  visitedPlmn: '208-01',
  service: 'registration',
  at: 1,
});
const post = (url: string, body: unknown, method = 'POST') =>
  fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function servedBilling(hasher = new IdentityHasher('k')) {
  return serveElement(billingElement('262-01', new RoamingAgreements()), { hasher });
}

test('a crash drops every connection; a restart on the same port keeps or loses the state as asked', async () => {
  await using billing = await servedBilling();
  expect(billing.host).toBe('127.0.0.1');
  expect((await post(`${billing.url}/billing/v1/charging-events`, event('a'))).status).toBe(200);

  await billing.crash();
  expect(billing.isUp).toBe(false);
  await expect(fetch(`${billing.url}/healthz`)).rejects.toThrow();

  await billing.restart({ keepState: true });
  expect(billing.isUp).toBe(true);
  expect(billing.state.ledger.size).toBe(1);

  await billing.restart({ keepState: false });
  expect(billing.state.ledger.size).toBe(0);
  const listed = (await (await fetch(`${billing.url}/billing/v1/charging-events`)).json()) as { events: unknown[] };
  expect(listed.events).toEqual([]);
});

test('element faults through the admin API: errors for the next N requests, then normal service; health unaffected', async () => {
  await using billing = await servedBilling();
  const set = await post(`${billing.url}/admin/v1/faults`, { kind: 'error', status: 503, count: 2 }, 'PUT');
  expect(set.status).toBe(200);
  expect((await fetch(`${billing.url}/healthz`)).status).toBe(200);
  expect((await post(`${billing.url}/billing/v1/charging-events`, event('a'))).status).toBe(503);
  expect((await post(`${billing.url}/billing/v1/charging-events`, event('a'))).status).toBe(503);
  expect((await post(`${billing.url}/billing/v1/charging-events`, event('a'))).status).toBe(200);
  expect(billing.state.ledger.size).toBe(1);
  expect(((await (await fetch(`${billing.url}/admin/v1/faults`)).json()) as { fault: unknown }).fault).toBeNull();
});

test('a slow fault delays answers until it is cleared', async () => {
  await using billing = await servedBilling();
  await post(`${billing.url}/admin/v1/faults`, { kind: 'slow', delayMs: 300 }, 'PUT');
  const start = performance.now();
  await post(`${billing.url}/billing/v1/charging-events`, event('a'));
  expect(performance.now() - start).toBeGreaterThanOrEqual(290);
  expect((await fetch(`${billing.url}/admin/v1/faults`, { method: 'DELETE' })).status).toBe(200);
  expect(billing.faults.current).toBeUndefined();
  expect((await post(`${billing.url}/billing/v1/charging-events`, event('b'))).status).toBe(200);
});

test('a bad fault is refused with the field named, and nothing changes', async () => {
  await using billing = await servedBilling();
  const response = await post(`${billing.url}/admin/v1/faults`, { kind: 'error', status: 200 }, 'PUT');
  expect(response.status).toBe(400);
  const body = (await response.json()) as { errors: { path: string }[] };
  expect(body.errors.map((e) => e.path)).toContain('status');
  expect(billing.faults.current).toBeUndefined();
});

test('the log is structured JSON with the IMSI hashed, never in clear', async () => {
  const hasher = new IdentityHasher('k');
  const lines: string[] = [];
  await using billing = await serveElement(billingElement('262-01', new RoamingAgreements()), {
    hasher,
    logSink: (line) => lines.push(line),
  });
  await post(`${billing.url}/billing/v1/charging-events`, event('a'));
  await post(`${billing.url}/billing/v1/charging-events`, { nonsense: true });
  expect(lines).toHaveLength(2);
  const [ok, bad] = lines.map((l) => JSON.parse(l));
  expect(ok).toMatchObject({
    element: 'billing:262-01',
    method: 'POST',
    path: '/billing/v1/charging-events',
    status: 200,
    subscriber_id: hasher.subscriber(IMSI),
  });
  expect(bad).toMatchObject({ status: 400, problem: 'Invalid request body' });
  expect(lines.join('\n')).not.toContain(IMSI);
});

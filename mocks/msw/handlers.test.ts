import { test, expect } from '@playwright/test';
import { setupServer } from 'msw/node';
import { Faker, en, base } from '@faker-js/faker';
import { HomeLocationRegister } from '../../simulator/elements/home-location-register.js';
import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { SubscriberFactory } from '../../simulator/subscriber.js';
import { createHlrHandler } from '../hlr/handler.js';
import { createBillingHandler } from '../billing/handler.js';
import { createBillingState } from '../billing/billing-state.js';
import { mswHandlers } from './handlers.js';

/** A small "application" of a user: a roaming-welcome service that asks the HLR where a subscriber is and bills a welcome SMS. */
async function sendWelcomeSms(api: { hlr: string; billing: string }, imsi: string): Promise<'sent' | 'not-roaming' | 'unknown'> {
  const found = await fetch(`${api.hlr}/admin/v1/subscribers/${imsi}`);
  if (found.status === 403 || found.status === 404) return 'unknown';
  const subscriber = (await found.json()) as { servingVlr: { plmn: string } | null };
  if (!subscriber.servingVlr) return 'not-roaming';
  const charged = await fetch(`${api.billing}/billing/v1/charging-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      idempotencyKey: `welcome-${imsi}`,
      kind: 'event',
      sessionId: `welcome-${imsi}`,
      imsi,
      visitedPlmn: subscriber.servingVlr.plmn,
      service: 'sms',
      at: 0,
      usage: { messages: 1 },
    }),
  });
  if (!charged.ok) throw new Error(`billing refused: ${charged.status} ${await charged.text()}`);
  return 'sent';
}

test('an application calling HLR and billing APIs is answered by the MSW-mounted elements, no port opened', async () => {
  const agreements = new RoamingAgreements();
  agreements.add('262-01', '208-01');
  const hlr = new HomeLocationRegister({ plmn: '262-01', agreements });
  const billing = createBillingState('262-01', agreements);
  const { ledger } = billing;
  const api = { hlr: 'https://hlr.operator.example/api', billing: 'https://ocs.operator.example' };
  const server = setupServer(
    ...mswHandlers([
      { baseUrl: api.hlr, handler: createHlrHandler(hlr) },
      { baseUrl: api.billing, handler: createBillingHandler(billing) },
    ]),
  );
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const [roamer, homebody] = new SubscriberFactory(new Faker({ locale: [en, base], seed: 5 })).create({ home: '262-01', count: 2 });
    for (const s of [roamer!, homebody!]) {
      const { k, opc } = s.credentials.reveal();
      hlr.provision({ imsi: s.imsi, msisdn: s.msisdn, k, opc });
    }
    hlr.updateLocation({ imsi: roamer!.imsi, vlrNumber: 'vlr-208-01', visitedPlmn: '208-01' });

    expect(await sendWelcomeSms(api, roamer!.imsi)).toBe('sent');
    expect(await sendWelcomeSms(api, roamer!.imsi)).toBe('sent');
    expect(await sendWelcomeSms(api, homebody!.imsi)).toBe('not-roaming');
    expect(await sendWelcomeSms(api, '262019999999999')).toBe('unknown');
    // The retried welcome carried the same idempotency key: billed once.
    expect(ledger.events()).toEqual([expect.objectContaining({ service: 'sms', imsi: roamer!.imsi, visitedPlmn: '208-01' })]);

    const bad = await fetch(`${api.billing}/billing/v1/charging-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'bogus', extra: 1 }),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await bad.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['kind', 'idempotencyKey', 'imsi']));
    expect(ledger.size).toBe(1);
  } finally {
    server.close();
  }
});

import { test, expect } from '@playwright/test';
import { RoamingAgreements, TARIFFS } from '../../simulator/policy/agreements.js';
import type { ChargingEvent } from '../../simulator/signaling/ports.js';
import { createBillingState } from './billing-state.js';
import { ChargingCredentials, WeakChargingSecretError } from './charging-credential.js';
import { createBillingHandler } from './handler.js';

const agreements = new RoamingAgreements();
agreements.add('262-01', '208-01', TARIFFS['standard']!);
const event: ChargingEvent = {
  idempotencyKey: 'vlr-208-01-x-sms-1:event:1',
  kind: 'event',
  sessionId: 'vlr-208-01-x-sms-1',
  imsi: '262011234567890',
  visitedPlmn: '208-01',
  service: 'sms',
  at: 1_750_000_000_000,
  usage: { messages: 1 },
};

function billingOf(credentials?: ChargingCredentials) {
  const state = createBillingState('262-01', agreements, credentials ? { credentials } : {});
  const handler = createBillingHandler(state);
  const post = (body: ChargingEvent, authorization?: string) =>
    handler(
      new Request('http://billing.test/billing/v1/charging-events', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(body),
      }),
    );
  return { state, handler, post };
}

test('with the world’s credentials, billing takes charging events only from an authenticated VLR of the event’s network', async () => {
  const credentials = ChargingCredentials.generate();
  const { state, post, handler } = billingOf(credentials);

  const anonymous = await post(event);
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="billing:262-01 charging"');
  const body = (await anonymous.json()) as { detail: string; errors: { path: string }[] };
  expect(body.detail).toMatch(
    /^billing:262-01 takes charging events only from elements of its world: \(anonymous\) was refused, no credential/,
  );
  expect(body.errors[0]!.path).toBe('authorization');

  // A credential from another world names an element but does not verify.
  const stranger = ChargingCredentials.generate();
  expect((await post(event, stranger.authorizationFor('vlr:208-01'))).status).toBe(401);
  expect((await post(event, 'Basic dmxyOjIwOC0wMQ==')).status).toBe(401);

  // The VLR of 214-01 is authenticated, but may not charge for 208-01.
  const wrongNetwork = await post(event, credentials.authorizationFor('vlr:214-01'));
  expect(wrongNetwork.status).toBe(403);
  expect(((await wrongNetwork.json()) as { detail: string }).detail).toContain('vlr:214-01 may charge only for 214-01, not for 208-01');

  const own = await post(event, credentials.authorizationFor('vlr:208-01'));
  expect(own.status).toBe(200);
  expect(state.cdrs.records).toHaveLength(1);

  const listed = await handler(new Request('http://billing.test/billing/v1/intake/rejections'));
  const { rejections } = (await listed.json()) as { rejections: { element: string; status: number; reason: string }[] };
  expect(rejections.map((r) => [r.element, r.status])).toEqual([
    ['(anonymous)', 401],
    ['vlr:208-01', 401],
    ['(anonymous)', 401],
    ['vlr:214-01', 403],
  ]);
  expect(rejections[1]!.reason).toBe('the credential of vlr:208-01 does not verify (not issued by this world)');
  expect(JSON.stringify(rejections)).not.toContain(event.imsi);
});

test('without credentials billing stands alone and takes any sender, as before', async () => {
  const { post, state } = billingOf();
  expect((await post(event)).status).toBe(200);
  expect(state.rejections).toEqual([]);
});

test('credentials never show their secret, and a short secret is refused', () => {
  const credentials = new ChargingCredentials('x'.repeat(32));
  expect(JSON.stringify({ credentials })).toBe('{"credentials":"[ChargingCredentials]"}');
  expect(credentials.credentialFor('vlr:208-01')).toMatch(/^vlr:208-01\.[A-Za-z0-9_-]{43}$/);
  expect(credentials.verify(credentials.authorizationFor('vlr:208-01'))).toEqual({ ok: true, element: 'vlr:208-01' });
  expect(() => new ChargingCredentials('short')).toThrow(WeakChargingSecretError);
});

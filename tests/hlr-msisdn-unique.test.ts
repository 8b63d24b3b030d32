import { test, expect } from '@playwright/test';
import { Faker, en, base } from '@faker-js/faker';
import { HomeLocationRegister, MsisdnInUseError } from '../simulator/elements/home-location-register.js';
import { RoamingAgreements } from '../simulator/policy/agreements.js';
import { SubscriberFactory } from '../simulator/subscriber.js';
import { serveElement } from '../mocks/element/served-element.js';
import { hlrElement } from '../mocks/hlr/element.js';

// One MSISDN reaches one subscriber: the HLR refuses to give it to a second IMSI.

const K = '000102030405060708090a0b0c0d0e0f';
const OPC = '0f0e0d0c0b0a09080706050403020100';

test('the HLR refuses an MSISDN another IMSI has, in any spelling, until that one is gone', () => {
  const hlr = new HomeLocationRegister({ plmn: '262-01', agreements: new RoamingAgreements() });
  hlr.provision({ imsi: '262010000000001', msisdn: '+4915112345678', k: K, opc: OPC });
  for (const msisdn of ['+4915112345678', '004915112345678', '+49 151 1234 5678']) {
    expect(() => hlr.provision({ imsi: '262010000000002', msisdn, k: K, opc: OPC })).toThrow(MsisdnInUseError);
  }
  expect(() => hlr.provision({ imsi: '262010000000002', msisdn: '+4915112345678', k: K, opc: OPC })).toThrow(
    '[roam] Failed to provision MSISDN (ending 5678): the HLR already gives this MSISDN to another subscriber (IMSI ending 0001). Give each subscriber its own MSISDN, or delete the other subscriber first.',
  );
  expect(hlr.size).toBe(1);
  expect(hlr.deprovision('262010000000001')).toBe(true);
  expect(hlr.provision({ imsi: '262010000000002', msisdn: '+4915112345678', k: K, opc: OPC }).imsi).toBe('262010000000002');
});

test('over HTTP the second IMSI gets 409 with a problem naming the msisdn field', async () => {
  await using hlr = await serveElement(hlrElement({ plmn: '262-01', agreements: new RoamingAgreements() }));
  const provision = (imsi: string) =>
    fetch(`${hlr.url}/admin/v1/subscribers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ imsi, msisdn: '+4915112345678', k: K, opc: OPC }),
    });
  expect((await provision('262010000000001')).status).toBe(201);
  const second = await provision('262010000000002');
  expect(second.status).toBe(409);
  expect(second.headers.get('content-type')).toContain('application/problem+json');
  const body = (await second.json()) as { code: string; errors: { path: string }[]; detail: string };
  expect(body.code).toBe('ROAM_MSISDN_IN_USE');
  expect(body.errors.map((e) => e.path)).toEqual(['msisdn']);
  // The number itself is not echoed: only its last digits.
  expect(JSON.stringify(body)).not.toContain('15112345678');
  expect(hlr.state.size).toBe(1);
});

test('the subscriber factory never gives two subscribers one MSISDN, even where numbers are short', () => {
  // France draws six digits per number: thousands of subscribers would repeat some.
  const factory = new SubscriberFactory(new Faker({ locale: [en, base], seed: 7 }));
  const subscribers = factory.create({ home: '208-01', count: 5_000 });
  expect(new Set(subscribers.map((s) => s.msisdn)).size).toBe(5_000);
});

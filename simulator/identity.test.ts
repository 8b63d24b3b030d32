import { test, expect } from '@playwright/test';
import { Faker, en, base } from '@faker-js/faker';
import { InvalidIdentityError } from './domain-errors.js';
import { parseImsi, parseKey128, parseMsisdn } from './identity.js';
import { parsePlmn } from './plmn.js';
import { isValidMobileMsisdn } from './reference/msisdn.js';
import { SubscriberFactory } from './subscriber.js';

test('IMSIs must be digits and start with the home MCC+MNC', () => {
  const home = parsePlmn('262-01');
  expect(parseImsi('262011234567890', home)).toBe('262011234567890');
  expect(() => parseImsi('208011234567890', home)).toThrow(/does not start with 26201/);
  expect(() => parseImsi('26201ABC', home)).toThrow(InvalidIdentityError);
});

test('MSISDNs are normalised to E.164', () => {
  expect(parseMsisdn('0049 151 2345 6789')).toBe('+4915123456789');
  expect(() => parseMsisdn('+0123')).toThrow(/E\.164/);
});

test('a bad K is refused without echoing the secret', () => {
  const secret = '465b5ce8b199b49faa5f0a2ee238a6';
  let message = '';
  try {
    parseKey128('K', secret);
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toContain('not 32 hex digits');
  expect(message).not.toContain(secret);
});

test('the factory makes valid, unique, repeatable subscribers whose secrets do not print', () => {
  const make = (seed: number) => new SubscriberFactory(new Faker({ locale: [en, base], seed })).create({ home: '208-01', count: 50 });
  const first = make(7);
  expect(new Set(first.map((s) => s.imsi)).size).toBe(50);
  for (const s of first) {
    expect(s.imsi).toMatch(/^20801\d{10}$/);
    expect(s.msisdn).toMatch(/^\+33/);
    expect(isValidMobileMsisdn(s.msisdn)).toBe(true);
  }
  expect(make(7).map((s) => s.imsi)).toEqual(first.map((s) => s.imsi));
  expect(make(8).map((s) => s.imsi)).not.toEqual(first.map((s) => s.imsi));
  const { k, opc } = first[0]!.credentials.reveal();
  const printed = JSON.stringify(first[0]) + String(first[0]!.credentials);
  expect(printed).not.toContain(k);
  expect(printed).not.toContain(opc);
  expect(printed).toContain('[redacted]');
});

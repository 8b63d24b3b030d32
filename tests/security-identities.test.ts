import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import {
  CLEAR_IDENTITIES_ENV,
  CLEAR_IDENTITIES_WARNING,
  ClearIdentities,
  IdentityHasher,
  clearIdentitiesRequested,
} from '../simulator/identity-hasher.js';
import { GsupClient } from '../peers/gsup/gsup-client.js';
import { GsupTimeoutError, subscriberShown } from '../peers/gsup/gsup-errors.js';
import { GsupHomeNetwork } from '../peers/gsup/gsup-home-network.js';
import { startFakeGsupServer } from '../peers/gsup/test-support/fake-gsup-server.js';

// Privacy: IMSIs and MSISDNs become keyed pseudonyms (HMAC), so they cannot
// be reversed by hashing the IMSI space; GSUP errors name subscribers by
// pseudonym; ROAM_CLEAR_IDENTITIES=1 shows them in clear, loudly, for local
// debugging only.

const IMSI = '262011234567890';

test('pseudonyms are keyed: stable for one key, different for another, and not a plain hash of the IMSI', () => {
  const a = new IdentityHasher('key-a', { clear: false });
  const b = new IdentityHasher('key-b', { clear: false });
  expect(a.subscriber(IMSI)).toMatch(/^sub_[0-9a-f]{16}$/);
  expect(a.subscriber(IMSI)).toBe(new IdentityHasher('key-a', { clear: false }).subscriber(IMSI));
  expect(b.subscriber(IMSI)).not.toBe(a.subscriber(IMSI));
  expect(a.msisdn('+4915112345678')).toMatch(/^msisdn_[0-9a-f]{16}$/);
  // Not an unkeyed digest of the value, which anyone could recompute.
  for (const algorithm of ['sha256', 'sha1', 'md5']) {
    const digest = createHash(algorithm).update(IMSI).digest('hex').slice(0, 16);
    expect(a.subscriber(IMSI)).not.toContain(digest);
  }
  // Without the key, hashing the IMSI range around it finds nothing: a guessed key gives other pseudonyms.
  const target = a.subscriber(IMSI);
  const guess = new IdentityHasher('', { clear: false });
  const base = BigInt(IMSI) - 5_000n;
  let found = 0;
  for (let i = 0n; i < 10_000n; i++) if (guess.subscriber(String(base + i)) === target) found++;
  expect(found).toBe(0);
});

test('no key means a random one per hasher, never an empty key', () => {
  expect(new IdentityHasher(undefined, { clear: false }).subscriber(IMSI)).not.toBe(
    new IdentityHasher(undefined, { clear: false }).subscriber(IMSI),
  );
  expect(new IdentityHasher('', { clear: false }).subscriber(IMSI)).not.toBe(new IdentityHasher('', { clear: false }).subscriber(IMSI));
});

test('ROAM_CLEAR_IDENTITIES=1 shows identities in clear, with a loud warning; anything else keeps pseudonyms', () => {
  expect(clearIdentitiesRequested({ [CLEAR_IDENTITIES_ENV]: '1' })).toBe(true);
  for (const value of [undefined, '', '0', 'true', 'yes']) expect(clearIdentitiesRequested({ [CLEAR_IDENTITIES_ENV]: value })).toBe(false);

  const saved = process.env[CLEAR_IDENTITIES_ENV];
  const warnings: string[] = [];
  try {
    process.env[CLEAR_IDENTITIES_ENV] = '1';
    const clear = new IdentityHasher('k', { warn: (line) => warnings.push(line) });
    expect(clear.clear).toBe(true);
    expect(clear.subscriber(IMSI)).toBe(IMSI);
    expect(clear.msisdn('+4915112345678')).toBe('+4915112345678');
    expect(warnings).toEqual([CLEAR_IDENTITIES_WARNING]);
    expect(CLEAR_IDENTITIES_WARNING).toMatch(/WARNING: ROAM_CLEAR_IDENTITIES=1 .*IN CLEAR.*local debugging only/);
    // An explicit choice wins over the environment.
    expect(new IdentityHasher('k', { clear: false }).subscriber(IMSI)).toMatch(/^sub_/);
    delete process.env[CLEAR_IDENTITIES_ENV];
    const hashed = new IdentityHasher('k', { warn: (line) => warnings.push(line) });
    expect(hashed.clear).toBe(false);
    expect(hashed.subscriber(IMSI)).toMatch(/^sub_[0-9a-f]{16}$/);
    expect(warnings).toHaveLength(1);
  } finally {
    if (saved === undefined) delete process.env[CLEAR_IDENTITIES_ENV];
    else process.env[CLEAR_IDENTITIES_ENV] = saved;
  }
  const debugging = new ClearIdentities('k', { warn: (line) => warnings.push(line) });
  expect(debugging.subscriber(IMSI)).toBe(IMSI);
  expect(warnings).toHaveLength(2);
});

test('GSUP errors name the subscriber by the pseudonym of the hasher given, never by IMSI, also through the HLR port', async () => {
  const hasher = new IdentityHasher('world-key', { clear: false });
  await using server = await startFakeGsupServer();
  await using client = await GsupClient.connect({ host: server.host, port: server.port, requestTimeoutMs: 100, hasher });
  const port = new GsupHomeNetwork(client);
  const error = await port.purgeMs({ imsi: IMSI, vlrNumber: 'vlr-208-01' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GsupTimeoutError);
  const message = (error as Error).message;
  expect(message).toContain(`for subscriber ${hasher.subscriber(IMSI)}:`);
  expect(`${message}\n${(error as Error).stack}\n${JSON.stringify(error)}`).not.toContain(IMSI);
  expect(subscriberShown(IMSI, hasher)).toBe(hasher.subscriber(IMSI));
  // Without a hasher: a process-wide random key, still a pseudonym.
  expect(subscriberShown(IMSI)).toMatch(/^sub_[0-9a-f]{16}$/);
});

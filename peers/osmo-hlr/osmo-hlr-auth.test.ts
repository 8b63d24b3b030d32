import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { milenage } from '../../simulator/auth/index.js';
import { GsupClient } from '../gsup/gsup-client.js';
import { findOsmoHlr, startOsmoHlr } from './launcher.js';
import { openProvisioning, provisionSubscriber } from './provisioning.js';
import { K, OPC, testImsi, usim } from '../gsup/test-support/test-set-1.js';
import { VtyProvisioning } from './vty-provisioning.js';

test.skip(!findOsmoHlr(), 'osmo-hlr is not installed (apt-get install osmo-hlr)');

test('the IPA handshake works: osmo-hlr lists the connection under our peer name', async () => {
  await using hlr = await startOsmoHlr();
  await using client = await GsupClient.connect({ host: hlr.address });
  await using admin = await VtyProvisioning.open({ host: hlr.address });
  expect(client.isOpen).toBe(true);
  await expect.poll(() => admin.vty.run('show gsup-connections')).toContain(`'${client.name}'`);
});

test('SendAuthInfo vectors for TS 35.208 test set 1 pass our USIM, and fail one with a wrong K', async () => {
  await using hlr = await startOsmoHlr();
  await using admin = await openProvisioning({ host: hlr.address });
  const imsi = testImsi(1);
  await provisionSubscriber(admin, { imsi, milenage: { k: K, opc: OPC } });
  await using vlr = await GsupClient.connect({ host: hlr.address });

  const vectors = await vlr.sendAuthInfo(imsi);
  expect(vectors).toHaveLength(5); // osmo-hlr's default when no count is asked for
  expect(new Set(vectors.map((v) => v.rand)).size).toBe(5);
  const sim = usim();
  for (const vector of vectors) {
    const answer = sim.authenticate(vector.rand, vector.autn);
    expect(answer).toEqual({ kind: 'response', res: vector.xres, ck: vector.ck, ik: vector.ik });
    // 2G values are the TS 33.102 c2/c3 conversions of the 3G ones.
    expect(vector.sres).toBe(milenage.sres(vector.xres));
    expect(vector.kc).toBe(milenage.kc(vector.ck, vector.ik));
    expect(vector.autn.slice(12, 16)).toBe('0000'); // AMF as osmo-hlr sets it
  }
  const clone = usim({ wrongK: true });
  for (const vector of vectors) expect(clone.authenticate(vector.rand, vector.autn)).toEqual({ kind: 'mac-failure' });

  expect(await vlr.sendAuthInfo(imsi, { count: 2 })).toHaveLength(2);
});

test('AUTS resynchronisation: a USIM ahead of the HLR reports sync failure, and the resynced vectors pass', async () => {
  await using hlr = await startOsmoHlr();
  await using admin = await openProvisioning({ host: hlr.address });
  const imsi = testImsi(2);
  await provisionSubscriber(admin, { imsi, milenage: { k: K, opc: OPC } });
  await using vlr = await GsupClient.connect({ host: hlr.address });
  const sim = usim();

  const [first] = await vlr.sendAuthInfo(imsi, { count: 1 });
  expect(sim.authenticate(first!.rand, first!.autn).kind).toBe('response');
  // As if the SIM had been used on another network for a long time.
  sim.setSqn(sim.highestAcceptedSqn + 32 * 100_000);
  const aheadSqn = sim.highestAcceptedSqn;

  const [stale] = await vlr.sendAuthInfo(imsi, { count: 1 });
  const failure = sim.authenticate(stale!.rand, stale!.autn);
  expect(failure.kind).toBe('sync-failure');
  if (failure.kind !== 'sync-failure') return;

  const resynced = await vlr.sendAuthInfo(imsi, { count: 2, resync: { rand: stale!.rand, auts: failure.auts } });
  expect(resynced).toHaveLength(2);
  for (const vector of resynced) expect(sim.authenticate(vector.rand, vector.autn)).toMatchObject({ kind: 'response', res: vector.xres });
  expect(sim.highestAcceptedSqn).toBeGreaterThan(aheadSqn);
  const record = await admin.showSubscriber(imsi);
  expect(record.auth3g?.lastSqn).toBeGreaterThan(aheadSqn);
});

test('a COMP128v1 subscriber gets GSM triplets that match osmo-auc-gen', async () => {
  await using hlr = await startOsmoHlr();
  await using admin = await openProvisioning({ host: hlr.address });
  const imsi = testImsi(3);
  const ki = '000102030405060708090a0b0c0d0e0f';
  await provisionSubscriber(admin, { imsi, comp128v1: { ki } });
  await using vlr = await GsupClient.connect({ host: hlr.address });

  const vectors = await vlr.sendAuthInfo(imsi, { count: 3, cnDomain: 'cs' });
  expect(vectors).toHaveLength(3);
  for (const vector of vectors) {
    expect(vector).toMatchObject({ xres: '', ck: '', ik: '', autn: '' });
    expect(vector.sres).toMatch(/^[0-9a-f]{8}$/);
    expect(vector.kc).toMatch(/^[0-9a-f]{16}$/);
  }
  let reference: string;
  try {
    reference = execFileSync('osmo-auc-gen', ['-2', '-a', 'comp128v1', '-k', ki, '-r', vectors[0]!.rand], { encoding: 'utf8' });
  } catch (error) {
    // Only a missing binary skips the cross-check; osmo-auc-gen failing on our input is a failure.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    test.info().annotations.push({ type: 'skipped-check', description: 'osmo-auc-gen not installed (apt-get install libosmocore-utils)' });
    return;
  }
  expect(reference).toContain(`SRES:\t${vectors[0]!.sres}`);
  expect(reference).toContain(`Kc:\t${vectors[0]!.kc}`);
});

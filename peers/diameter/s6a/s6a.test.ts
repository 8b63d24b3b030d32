import { test, expect } from '@playwright/test';
import { encodePlmnId } from '../../../protocols/diameter/tbcd.js';
import { deriveKasme } from '../../../simulator/auth/kasme.js';
import { milenage } from '../../../simulator/auth/index.js';
import { RejectError } from '../../../simulator/causes.js';
import { startDiameterStage, UNAGREED } from '../../../tests/support/diameter-stage.js';
import { DiameterTrace } from '../diameter-trace.js';
import { S6aHomeNetwork } from './s6a-home-network.js';

// S6a between VLR/MMEs of ours and the HSS front over real sockets on
// 127.0.0.1: vectors and K_ASME, registration with subscription data,
// cancellation of the old MME, purge, insert subscriber data, and each
// result the HSS answers mapped back to the reject cause the phone sees.

test('an attach over S6a: AIR gives a vector whose K_ASME the SIM derives too, ULR registers with the MSISDN', async () => {
  const trace = new DiameterTrace();
  await using stage = await startDiameterStage({ onTraffic: trace.onTraffic });
  const roamer = stage.subscriber();
  expect(await stage.attach(roamer, '208-01')).toEqual({ state: 'REGISTERED', msisdn: roamer.msisdn });
  expect(stage.hlr.find(roamer.imsi)?.servingVlr).toEqual({ vlrNumber: 'mme.epc.mnc001.mcc208.3gppnetwork.org', plmn: '208-01' });
  expect(stage.vlrs.get('208-01')!.records.get(roamer.imsi)).toMatchObject({ msisdn: roamer.msisdn });

  const home = new S6aHomeNetwork({ client: stage.hssClients.get('214-01')!, servingPlmn: '214-01' });
  const [vector] = await home.sendAuthInfo({ imsi: roamer.imsi, count: 1 });
  const sim = roamer.usim.authenticate(vector!.rand, vector!.autn);
  if (sim.kind !== 'response') throw new Error(`the SIM refused the vector: ${sim.kind}`);
  expect(sim.res).toBe(vector!.xres);
  expect(vector!.kasme).toBe(deriveKasme(sim.ck, sim.ik, encodePlmnId('214-01'), vector!.autn.slice(0, 12)).toString('hex'));
  expect(vector!.kasme).not.toBe(deriveKasme(sim.ck, sim.ik, encodePlmnId('208-01'), vector!.autn.slice(0, 12)).toString('hex'));
  expect(trace.steps.map((s) => s.name)).toEqual(expect.arrayContaining(['CER', 'CEA', 'AIR', 'AIA', 'ULR', 'ULA']));
});

test('UTRAN vectors carry CK and IK, and the GSM values follow from them', async () => {
  await using stage = await startDiameterStage({ mme: { vectors: 'utran' } });
  const roamer = stage.subscriber();
  const home = new S6aHomeNetwork({ client: stage.hssClients.get('208-01')!, servingPlmn: '208-01', vectors: 'utran' });
  const vectors = await home.sendAuthInfo({ imsi: roamer.imsi, count: 3 });
  expect(vectors).toHaveLength(3);
  const { k, opc } = roamer.credentials.reveal();
  for (const v of vectors) {
    const expected = milenage.compute({ k, opc, rand: v.rand, sqn: '000000000000', amf: '8000' });
    expect([v.ck, v.ik]).toEqual([expected.ck, expected.ik]);
    expect(v.sres).toBe(milenage.sres(v.xres));
    expect(v.kc).toBe(milenage.kc(v.ck, v.ik));
  }
  expect(await stage.attach(roamer, '208-01')).toMatchObject({ state: 'REGISTERED' });
});

test('moving to another country: the HSS sends CLR to the old MME, which drops the subscriber; detach purges', async () => {
  await using stage = await startDiameterStage();
  const roamer = stage.subscriber();
  expect((await stage.attach(roamer, '208-01')).state).toBe('REGISTERED');
  expect((await stage.attach(roamer, '214-01')).state).toBe('REGISTERED');
  await stage.hlr.cancellationsSettled();
  expect(stage.vlrs.get('208-01')!.records.has(roamer.imsi)).toBe(false);
  expect(stage.vlrs.get('214-01')!.records.has(roamer.imsi)).toBe(true);

  await stage.vlrs.get('214-01')!.detach({ imsi: roamer.imsi });
  expect(stage.hlr.find(roamer.imsi)?.servingVlr).toBeNull();
});

test('IDR from the HSS reaches the MME with the subscription data; an MME that does not know the IMSI says so', async () => {
  await using stage = await startDiameterStage();
  const roamer = stage.subscriber();
  expect((await stage.attach(roamer, '208-01')).state).toBe('REGISTERED');
  const mme = stage.hlr.find(roamer.imsi)!.servingVlr!.vlrNumber;
  await stage.hssVisitedNetworks.insertSubscriberData(mme, roamer.imsi, { msisdn: roamer.msisdn, services: ['voice'] });
  expect(stage.vlrs.get('208-01')!.records.get(roamer.imsi)?.services).toEqual(['voice']);
  const stranger = stage.subscriber();
  await expect(
    stage.hssVisitedNetworks.insertSubscriberData(mme, stranger.imsi, { msisdn: stranger.msisdn, services: ['voice'] }),
  ).rejects.toThrow(/DIAMETER_ERROR_USER_UNKNOWN \(5001, 3GPP\)/);
  await expect(
    stage.hssVisitedNetworks.insertSubscriberData('mme.nowhere.example', roamer.imsi, { msisdn: roamer.msisdn, services: [] }),
  ).rejects.toThrow(/no open connection/);
});

test('each HSS refusal reaches the phone as its reject cause', async () => {
  let busy = false;
  await using stage = await startDiameterStage({ hss: { busy: () => busy, ratTypes: ['UTRAN'] } });
  const [known, stranger] = [stage.subscriber(), stage.subscriber({ provision: false })];
  expect(await stage.attach(stranger, '208-01')).toMatchObject({ state: 'REJECTED', cause: 'IMSI_UNKNOWN' });
  // Every MME of the stage reports EUTRAN; this HSS only lets UTRAN in.
  expect(await stage.attach(known, '208-01')).toMatchObject({
    state: 'REJECTED',
    cause: 'ROAMING_NOT_ALLOWED',
    reason: expect.stringContaining('5421'),
  });
  busy = true;
  expect(await stage.attach(known, '208-01')).toMatchObject({
    state: 'REJECTED',
    cause: 'CONGESTION',
    reason: expect.stringContaining('DIAMETER_TOO_BUSY'),
  });
});

test('roaming refused by the home network: DIAMETER_ERROR_ROAMING_NOT_ALLOWED, PLMN_NOT_ALLOWED unless the MME maps it otherwise', async () => {
  await using stage = await startDiameterStage();
  const barred = stage.subscriber({ roaming: { allowed: false } });
  expect(await stage.attach(barred, '208-01')).toMatchObject({
    state: 'REJECTED',
    cause: 'PLMN_NOT_ALLOWED',
    reason: expect.stringContaining('5004, 3GPP'),
  });
  const home = new S6aHomeNetwork({
    client: stage.hssClients.get('208-01')!,
    servingPlmn: '208-01',
    roamingNotAllowed: 'ROAMING_NOT_ALLOWED',
  });
  const error = await home.updateLocation({ imsi: barred.imsi, vlrNumber: 'vlr-208-01', visitedPlmn: '208-01' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RejectError);
  expect((error as RejectError).rejectCause).toBe('ROAMING_NOT_ALLOWED');

  const roamer = stage.subscriber();
  const unagreed = await home.updateLocation({ imsi: roamer.imsi, vlrNumber: 'vlr-x', visitedPlmn: UNAGREED }).catch((e: unknown) => e);
  expect((unagreed as RejectError).reason).toMatch(/no roaming agreement between 262-01 and 310-410/);
});

test('a resynchronisation with an AUTS that does not verify is refused as ILLEGAL_MS', async () => {
  await using stage = await startDiameterStage();
  const roamer = stage.subscriber();
  const home = new S6aHomeNetwork({ client: stage.hssClients.get('208-01')!, servingPlmn: '208-01' });
  const error = await home
    .sendAuthInfo({ imsi: roamer.imsi, count: 1, resync: { rand: '00'.repeat(16), auts: '11'.repeat(14) } })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RejectError);
  expect(error).toMatchObject({ rejectCause: 'ILLEGAL_MS', reason: expect.stringContaining('DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE') });
});

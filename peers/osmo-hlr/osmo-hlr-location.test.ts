import { test, expect } from '@playwright/test';
import { GsupClient } from '../gsup/gsup-client.js';
import type { DeleteSubscriberDataNotice, SubscriberData } from '../gsup/gsup-client-types.js';
import { GsupRejectError } from '../gsup/gsup-errors.js';
import { findOsmoHlr, startOsmoHlr } from './launcher.js';
import { openProvisioning, provisionSubscriber } from './provisioning.js';
import { K, OPC, testImsi } from '../gsup/test-support/test-set-1.js';

test.skip(!findOsmoHlr(), 'osmo-hlr is not installed (apt-get install osmo-hlr)');

async function rejection(promise: Promise<unknown>): Promise<GsupRejectError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GsupRejectError);
  return error as GsupRejectError;
}

test('UpdateLocation goes through InsertSubscriberData and returns the MSISDN (PS and CS)', async () => {
  await using hlr = await startOsmoHlr();
  await using admin = await openProvisioning({ host: hlr.address });
  const imsi = testImsi(11);
  await provisionSubscriber(admin, { imsi, msisdn: '4915550000011', milenage: { k: K, opc: OPC } });
  await using sgsn = await GsupClient.connect({ host: hlr.address });
  await using msc = await GsupClient.connect({ host: hlr.address });

  const seen: SubscriberData[] = [];
  const ps = await sgsn.updateLocation(imsi, { onInsertSubscriberData: (data) => void seen.push(data) });
  expect(ps).toEqual({ imsi, msisdn: '4915550000011', pdpInfo: [{ contextId: 1, apn: '*' }], cnDomain: 'ps' });
  expect(seen).toEqual([ps]);

  const cs = await msc.updateLocation(imsi, { cnDomain: 'cs' });
  expect(cs).toEqual({ imsi, msisdn: '4915550000011', pdpInfo: [], cnDomain: 'cs' });

  // The HLR now knows where the subscriber is, by our peer names.
  const record = await admin.showSubscriber(imsi);
  expect(record).toMatchObject({ sgsnNumber: sgsn.name, vlrNumber: msc.name, msisdn: '4915550000011' });
});

test('refusing the InsertSubscriberData makes osmo-hlr fail the UpdateLocation with NETWORK_FAILURE', async () => {
  await using hlr = await startOsmoHlr();
  await using admin = await openProvisioning({ host: hlr.address });
  const imsi = testImsi(12);
  await provisionSubscriber(admin, { imsi, msisdn: '4915550000012' });
  await using vlr = await GsupClient.connect({ host: hlr.address });
  const error = await rejection(vlr.updateLocation(imsi, { cnDomain: 'cs', onInsertSubscriberData: () => ({ reject: 0x0d }) }));
  expect([error.cause, error.causeName]).toEqual([0x11, 'NETWORK_FAILURE']);
});

test('PurgeMS marks the subscriber purged', async () => {
  await using hlr = await startOsmoHlr();
  await using admin = await openProvisioning({ host: hlr.address });
  const imsi = testImsi(13);
  await provisionSubscriber(admin, { imsi, msisdn: '4915550000013' });
  await using sgsn = await GsupClient.connect({ host: hlr.address });
  await sgsn.updateLocation(imsi);
  expect((await admin.showSubscriber(imsi)).psPurged).toBe(false);
  await sgsn.purgeMs(imsi);
  expect((await admin.showSubscriber(imsi)).psPurged).toBe(true);
});

test('an unknown IMSI is refused with cause 0x02 IMSI_UNKNOWN', async () => {
  await using hlr = await startOsmoHlr();
  await using admin = await openProvisioning({ host: hlr.address });
  await using vlr = await GsupClient.connect({ host: hlr.address });
  const unknown = testImsi(99_999);
  for (const attempt of [vlr.sendAuthInfo(unknown), vlr.updateLocation(unknown), vlr.purgeMs(unknown)]) {
    const error = await rejection(attempt);
    expect(error).toMatchObject({ code: 'ROAM_GSUP_REJECT', cause: 0x02, causeName: 'IMSI_UNKNOWN' });
    expect(error.message).not.toContain(unknown);
    expect(error.message).toMatch(
      /^\[roam\] Failed to .+ for subscriber sub_[0-9a-f]{16}: the HLR at 127\.0\.0\.\d+:4222 answered \w+Error with cause 0x02 IMSI_UNKNOWN\. Provision the subscriber/,
    );
  }
  // Known, but without auth data: osmo-hlr answers the same way.
  const bare = testImsi(14);
  await admin.createSubscriber(bare);
  expect((await rejection(vlr.sendAuthInfo(bare))).cause).toBe(0x02);
  expect((await rejection(vlr.checkImei(unknown, '35693803564380'))).causeName).toBe('INVALID_MANDATORY_INFO');
});

test('network access mode bars PS with GPRS_NOT_ALLOWED and CS with PLMN_NOT_ALLOWED', async () => {
  await using hlr = await startOsmoHlr();
  await using admin = await openProvisioning({ host: hlr.address });
  const csOnly = testImsi(15);
  const psOnly = testImsi(16);
  await provisionSubscriber(admin, { imsi: csOnly, networkAccessMode: 'cs' });
  await provisionSubscriber(admin, { imsi: psOnly, networkAccessMode: 'ps' });
  await using vlr = await GsupClient.connect({ host: hlr.address });
  expect((await rejection(vlr.updateLocation(csOnly, { cnDomain: 'ps' }))).cause).toBe(0x07);
  expect((await rejection(vlr.updateLocation(psOnly, { cnDomain: 'cs' }))).cause).toBe(0x0b);
  await expect(vlr.updateLocation(csOnly, { cnDomain: 'cs' })).resolves.toMatchObject({ cnDomain: 'cs' });
});

test('VTY edits reach the serving SGSN as InsertSubscriberData and DeleteSubscriberData, which are answered', async () => {
  await using hlr = await startOsmoHlr();
  await using admin = await openProvisioning({ host: hlr.address, channel: 'vty' });
  const imsi = testImsi(17);
  await provisionSubscriber(admin, { imsi, msisdn: '4915550000017' });
  await using sgsn = await GsupClient.connect({ host: hlr.address });
  await sgsn.updateLocation(imsi);

  const inserted = new Promise<SubscriberData>((resolve) => sgsn.once('insertSubscriberData', resolve));
  await admin.setMsisdn(imsi, '4915550000170');
  expect(await inserted).toMatchObject({ imsi, msisdn: '4915550000170' });

  const deleted = new Promise<DeleteSubscriberDataNotice>((resolve) => sgsn.once('deleteSubscriberData', resolve));
  await admin.setNetworkAccessMode(imsi, 'cs');
  expect((await deleted).imsi).toBe(imsi);
  expect(sgsn.isOpen).toBe(true);
});

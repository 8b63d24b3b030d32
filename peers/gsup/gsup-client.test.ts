import { test, expect } from '@playwright/test';
import { createServer } from 'node:net';
import { GsupDecodeError, GsupEncodeError, IpaDecodeError } from '../../protocols/gsup/codec-errors.js';
import { GsupClient } from './gsup-client.js';
import type { LocationCancelNotice } from './gsup-client-types.js';
import { GsupConnectionError, GsupProtocolError, GsupRejectError, GsupTimeoutError } from './gsup-errors.js';
import { GsupMessageType as T } from '../../protocols/gsup/gsup-message-types.js';
import { encodeIpaFrame, encodeOsmoFrame } from '../../protocols/gsup/ipa.js';
import { startFakeGsupServer } from './test-support/fake-gsup-server.js';
import { SAMPLE_AUTH_TUPLE } from './test-support/sample-auth-tuple.js';

const IMSI_A = '901700000000001';
const IMSI_B = '901700000000002';

test('the handshake answers ID_GET with unit id and a unique serial number, and PING with PONG', async () => {
  await using server = await startFakeGsupServer();
  await using first = await GsupClient.connect({ host: server.host, port: server.port });
  const one = await server.nextConnection();
  await using second = await GsupClient.connect({ host: server.host, port: server.port, unitId: '1/2/3' });
  const two = await server.nextConnection();
  await expect.poll(() => [one.identity, two.identity].every(Boolean)).toBe(true);
  expect(one.identity).toEqual([
    { tag: 0x08, value: '0/0/0' },
    { tag: 0x00, value: first.name },
  ]);
  expect(two.identity).toEqual([
    { tag: 0x08, value: '1/2/3' },
    { tag: 0x00, value: second.name },
  ]);
  expect(first.name).not.toBe(second.name);
  one.sendCcm({ type: 'ping' });
  await expect.poll(() => one.ccm.map((m) => m.type)).toContain('pong');
});

test('replies are matched by IMSI and message family, oldest first', async () => {
  await using server = await startFakeGsupServer();
  await using client = await GsupClient.connect({ host: server.host, port: server.port });
  const hlr = await server.nextConnection();
  const a1 = client.sendAuthInfo(IMSI_A, { count: 1 });
  const b = client.sendAuthInfo(IMSI_B);
  const a2 = client.sendAuthInfo(IMSI_A);
  const purge = client.purgeMs(IMSI_A);
  const sent = await hlr.waitFor(4);
  expect(sent.map((m) => [m.type, m.imsi, m.numVectorsRequested])).toEqual([
    [T.SendAuthInfoRequest, IMSI_A, 1],
    [T.SendAuthInfoRequest, IMSI_B, undefined],
    [T.SendAuthInfoRequest, IMSI_A, undefined],
    [T.PurgeMsRequest, IMSI_A, undefined],
  ]);
  // Answer out of order across IMSIs and families.
  hlr.send({ type: T.PurgeMsResult, imsi: IMSI_A });
  hlr.send({ type: T.SendAuthInfoResult, imsi: IMSI_B, authTuples: [{ ...SAMPLE_AUTH_TUPLE, rand: 'bb'.repeat(16) }] });
  hlr.send({ type: T.SendAuthInfoResult, imsi: IMSI_A, authTuples: [{ ...SAMPLE_AUTH_TUPLE, rand: 'a1'.repeat(16) }] });
  hlr.send({ type: T.SendAuthInfoError, imsi: IMSI_A, cause: 0x0d });
  await purge;
  expect((await b)[0]).toEqual({
    rand: 'bb'.repeat(16),
    xres: SAMPLE_AUTH_TUPLE.res,
    ck: SAMPLE_AUTH_TUPLE.ck,
    ik: SAMPLE_AUTH_TUPLE.ik,
    autn: SAMPLE_AUTH_TUPLE.autn,
    sres: SAMPLE_AUTH_TUPLE.sres,
    kc: SAMPLE_AUTH_TUPLE.kc,
  });
  expect((await a1)[0]!.rand).toBe('a1'.repeat(16));
  const rejected = await a2.catch((e: unknown) => e);
  expect(rejected).toBeInstanceOf(GsupRejectError);
  expect(rejected).toMatchObject({ code: 'ROAM_GSUP_REJECT', cause: 0x0d, causeName: 'ROAMING_NOT_ALLOWED' });
  expect((rejected as GsupRejectError).subscriber).toMatch(/^sub_[0-9a-f]{16}$/);
  expect(JSON.stringify({ ...(rejected as object), message: (rejected as Error).message, stack: (rejected as Error).stack })).not.toContain(
    IMSI_A,
  );
  expect((rejected as Error).message).toMatch(
    /^\[roam\] Failed to get auth vectors \(SendAuthInfo\) for subscriber sub_[0-9a-f]{16}: the HLR at 127\.0\.0\.1:\d+ answered SendAuthInfoError with cause 0x0d ROAMING_NOT_ALLOWED\. /,
  );
});

test('UpdateLocation answers the InsertSubscriberData in between and resolves with its data', async () => {
  await using server = await startFakeGsupServer();
  await using client = await GsupClient.connect({ host: server.host, port: server.port });
  const hlr = await server.nextConnection();
  const seen: unknown[] = [];
  const registered = client.updateLocation(IMSI_A, { cnDomain: 'cs', onInsertSubscriberData: (data) => void seen.push(data) });
  await hlr.waitFor(1);
  hlr.send({ type: T.InsertSubscriberDataRequest, imsi: IMSI_A, msisdn: '4915550000001', cnDomain: 'cs' });
  const [, isdResult] = await hlr.waitFor(2);
  expect(isdResult).toEqual({ type: T.InsertSubscriberDataResult, imsi: IMSI_A });
  hlr.send({ type: T.UpdateLocationResult, imsi: IMSI_A });
  expect(await registered).toEqual({ imsi: IMSI_A, msisdn: '4915550000001', pdpInfo: [], cnDomain: 'cs' });
  expect(seen).toHaveLength(1);

  // A refusing hook answers with an ISD error carrying its cause.
  const refused = client.updateLocation(IMSI_B, { onInsertSubscriberData: () => ({ reject: 0x0d }) });
  await hlr.waitFor(3);
  hlr.send({ type: T.InsertSubscriberDataRequest, imsi: IMSI_B });
  const [, , , isdError] = await hlr.waitFor(4);
  expect(isdError).toEqual({ type: T.InsertSubscriberDataError, imsi: IMSI_B, cause: 0x0d });
  hlr.send({ type: T.UpdateLocationError, imsi: IMSI_B, cause: 0x11 });
  await expect(refused).rejects.toMatchObject({ causeName: 'NETWORK_FAILURE' });
});

test('a LocationCancel from the HLR reaches the callback and the event, then gets its result', async () => {
  await using server = await startFakeGsupServer();
  const viaCallback: LocationCancelNotice[] = [];
  await using client = await GsupClient.connect({
    host: server.host,
    port: server.port,
    onLocationCancel: (n) => void viaCallback.push(n),
  });
  const viaEvent: LocationCancelNotice[] = [];
  client.on('locationCancel', (n) => viaEvent.push(n));
  const hlr = await server.nextConnection();
  hlr.send({ type: T.LocationCancelRequest, imsi: IMSI_A, cancelType: 'withdraw' });
  const [answer] = await hlr.waitFor(1);
  expect(answer).toEqual({ type: T.LocationCancelResult, imsi: IMSI_A });
  expect(viaCallback.map((n) => [n.imsi, n.cancelType])).toEqual([[IMSI_A, 'withdraw']]);
  expect(viaEvent).toEqual(viaCallback);
});

test('a failing LocationCancel callback is answered with an error, and unknown requests with not-implemented', async () => {
  await using server = await startFakeGsupServer();
  await using client = await GsupClient.connect({
    host: server.host,
    port: server.port,
    onLocationCancel: () => {
      throw new Error('VLR busy');
    },
  });
  const hlr = await server.nextConnection();
  hlr.send({ type: T.LocationCancelRequest, imsi: IMSI_A });
  hlr.send({ type: T.ProcessSsRequest, imsi: IMSI_A });
  hlr.send({ type: T.DeleteSubscriberDataRequest, imsi: IMSI_B, pdpContextIds: [1] });
  const answers = await hlr.waitFor(3);
  expect(answers).toEqual(
    expect.arrayContaining([
      { type: T.LocationCancelError, imsi: IMSI_A, cause: 0x11 },
      { type: T.ProcessSsError, imsi: IMSI_A, cause: 0x61 },
      { type: T.DeleteSubscriberDataResult, imsi: IMSI_B },
    ]),
  );
  expect(client.isOpen).toBe(true);
});

test('a request without an answer times out with a clear error, and its late reply does not confuse the next one', async () => {
  await using server = await startFakeGsupServer();
  await using client = await GsupClient.connect({ host: server.host, port: server.port, requestTimeoutMs: 150 });
  const hlr = await server.nextConnection();
  const started = Date.now();
  const error = await client.purgeMs(IMSI_A).catch((e: unknown) => e);
  expect(Date.now() - started).toBeLessThan(2000);
  expect(error).toBeInstanceOf(GsupTimeoutError);
  expect((error as Error).message).toMatch(
    /^\[roam\] Failed to purge MS \(PurgeMS\) for subscriber sub_[0-9a-f]{16}: no answer from the HLR at 127\.0\.0\.1:\d+ within 150 ms\. /,
  );
  expect(error).toMatchObject({ code: 'ROAM_GSUP_TIMEOUT', timeoutMs: 150 });

  const next = client.purgeMs(IMSI_A);
  await hlr.waitFor(2);
  hlr.send({ type: T.PurgeMsError, imsi: IMSI_A, cause: 0x02 }); // the late answer to the timed-out request
  hlr.send({ type: T.PurgeMsResult, imsi: IMSI_A });
  await expect(next).resolves.toBeUndefined();
});

test('a peer that drops the connection fails every pending request at once', async () => {
  await using server = await startFakeGsupServer();
  await using client = await GsupClient.connect({ host: server.host, port: server.port, requestTimeoutMs: 30_000 });
  const closed = new Promise<Error | undefined>((resolve) => client.once('close', resolve));
  const hlr = await server.nextConnection();
  const pending = [client.sendAuthInfo(IMSI_A), client.updateLocation(IMSI_B), client.purgeMs(IMSI_A)].map((p) =>
    p.catch((e: unknown) => e),
  );
  await hlr.waitFor(3);
  const started = Date.now();
  hlr.socket.destroy();
  const errors = await Promise.all(pending);
  expect(Date.now() - started).toBeLessThan(1000);
  for (const error of errors) {
    expect(error).toMatchObject({ code: 'ROAM_GSUP_CONNECTION', reason: 'closed-by-peer' });
    expect(`${(error as Error).message} ${(error as Error).stack}`).not.toMatch(new RegExp(`${IMSI_A}|${IMSI_B}`));
  }
  expect((errors[1] as Error).message).toMatch(
    /^\[roam\] Failed to update location \(UpdateLocation\) for subscriber sub_[0-9a-f]{16}: the HLR at .* closed the connection\. /,
  );
  expect(await closed).toBeInstanceOf(GsupConnectionError);
  expect(client.isOpen).toBe(false);
  await expect(client.purgeMs(IMSI_A)).rejects.toMatchObject({ reason: 'closed-by-peer' });
});

test('a peer that sends garbage gets a clear protocol error and the connection is closed', async () => {
  await using server = await startFakeGsupServer();
  for (const [garbage, inner] of [
    [encodeOsmoFrame(0x05, Buffer.from('0a0108097100', 'hex')), GsupDecodeError],
    [Buffer.from('00024242', 'hex'), IpaDecodeError],
    [encodeIpaFrame(0xfe, Buffer.from([0x09])), IpaDecodeError],
  ] as const) {
    await using client = await GsupClient.connect({ host: server.host, port: server.port });
    const hlr = await server.nextConnection();
    const pending = client.sendAuthInfo(IMSI_A).catch((e: unknown) => e);
    await hlr.waitFor(1);
    hlr.socket.write(garbage);
    const error = (await pending) as GsupProtocolError;
    expect(error).toBeInstanceOf(GsupProtocolError);
    expect(error.code).toBe('ROAM_GSUP_PROTOCOL');
    expect(error.cause).toBeInstanceOf(inner);
    expect(error.message).toMatch(/sent data that does not decode \(decode .+ \(at byte offset \d+\)\)/);
    expect(client.isOpen).toBe(false);
  }
});

test('connecting to nothing, or to a server that never starts the handshake, fails clearly', async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  await expect(GsupClient.connect({ host: '127.0.0.1', port })).rejects.toMatchObject({
    code: 'ROAM_GSUP_CONNECTION',
    reason: 'connect-failed',
  });

  await using silent = await startFakeGsupServer({ sendIdGet: false });
  const error = await GsupClient.connect({ host: silent.host, port: silent.port, connectTimeoutMs: 200 }).catch((e: unknown) => e);
  expect(error).toMatchObject({ reason: 'handshake-timeout' });
  expect((error as Error).message).toMatch(/no IPA ID_GET came within 200 ms/);
});

test('a request that cannot be encoded is rejected without being sent', async () => {
  await using server = await startFakeGsupServer();
  await using client = await GsupClient.connect({ host: server.host, port: server.port });
  await expect(client.sendAuthInfo('12ab')).rejects.toBeInstanceOf(GsupEncodeError);
  await expect(client.sendAuthInfo(IMSI_A, { resync: { rand: '00', auts: '00' } })).rejects.toBeInstanceOf(GsupEncodeError);
  const hlr = await server.nextConnection();
  expect(hlr.received).toHaveLength(0);
});

import { test, expect } from '@playwright/test';
import { createServer, type Socket } from 'node:net';
import { decodeMessage } from '../../protocols/diameter/decode.js';
import { describeMessage } from '../../protocols/diameter/describe.js';
import { APPLICATION, BASE } from '../../protocols/diameter/dictionary-base.js';
import { encodeMessage } from '../../protocols/diameter/encode.js';
import { DiameterFrameReader } from '../../protocols/diameter/frame-reader.js';
import { avp, COMMAND_FLAG } from '../../protocols/diameter/message.js';
import { numberOf } from '../../protocols/diameter/avp-access.js';
import type { PeerIdentity } from './capabilities.js';
import { DiameterClient } from './peer-client.js';
import type { DiameterTraffic } from './peer-connection.js';
import { DiameterCapabilitiesError, DiameterConnectionError, DiameterTimeoutError } from './peer-errors.js';
import { DiameterServer } from './peer-server.js';

// A client and a server of ours on 127.0.0.1: the capabilities exchange,
// request/answer matching, the watchdog, protocol errors, Tx timeouts and
// a clean disconnect, each seen on the wire through the traffic hooks.

const HSS: PeerIdentity = { originHost: 'hss.home.example', originRealm: 'home.example', applications: ['s6a'] };
const MME: PeerIdentity = { originHost: 'mme.visited.example', originRealm: 'visited.example', applications: ['s6a'] };

const s6aRequest = (commandCode = 318) => ({
  flags: COMMAND_FLAG.request | COMMAND_FLAG.proxiable,
  commandCode,
  applicationId: APPLICATION.s6a,
  avps: [avp(BASE.SessionId, 'mme.visited.example;1;1'), avp(BASE.OriginHost, MME.originHost), avp(BASE.OriginRealm, MME.originRealm)],
});

function names(traffic: readonly DiameterTraffic[]): string[] {
  return traffic.map((t) => `${t.direction} ${t.message ? describeMessage(t.message).abbreviation : '?'}`);
}

test('CER/CEA opens, a request is answered, DWR/DWA keep the link and DPR/DPA close it cleanly', async () => {
  const serverSide: DiameterTraffic[] = [];
  const clientSide: DiameterTraffic[] = [];
  await using server = await DiameterServer.listen({
    identity: HSS,
    onTraffic: (t) => serverSide.push(t),
    onRequest: () => ({
      avps: [
        avp(BASE.SessionId, 'mme.visited.example;1;1'),
        avp(BASE.ResultCode, 2001),
        avp(BASE.OriginHost, HSS.originHost),
        avp(BASE.OriginRealm, HSS.originRealm),
      ],
    }),
  });
  const client = new DiameterClient({
    host: server.host,
    port: server.port,
    identity: MME,
    watchdogMs: 150,
    onTraffic: (t) => clientSide.push(t),
  });
  const answer = await client.request(s6aRequest());
  expect(numberOf(answer.avps, BASE.ResultCode)).toBe(2001);
  expect(client.peer).toMatchObject({
    originHost: HSS.originHost,
    originRealm: HSS.originRealm,
    productName: 'roaming-harness',
    applicationIds: [APPLICATION.s6a],
  });
  expect(server.connectionTo(MME.originHost)?.peer?.hostIpAddresses).toEqual(['127.0.0.1']);

  // The watchdog probes a quiet link; the server answers.
  await expect.poll(() => names(clientSide).filter((n) => n === 'received DWA').length, { timeout: 5_000 }).toBeGreaterThan(0);
  expect(client.connection?.watchdogState).toBe('okay');

  const connection = client.connection!;
  await client.close();
  expect(await connection.closed).toBe('disconnected (DPR/DPA)');
  expect(names(clientSide)).toEqual(
    expect.arrayContaining(['sent CER', 'received CEA', 'sent AIR', 'received AIA', 'sent DWR', 'sent DPR', 'received DPA']),
  );
  expect(names(serverSide).slice(0, 4)).toEqual(['received CER', 'sent CEA', 'received AIR', 'sent AIA']);
  await expect.poll(() => server.connections.length).toBe(0);
});

test('a peer with no application in common is refused with DIAMETER_NO_COMMON_APPLICATION', async () => {
  await using server = await DiameterServer.listen({ identity: { ...HSS, applications: ['gy'] } });
  const client = new DiameterClient({ host: server.host, port: server.port, identity: MME });
  const error = await client.request(s6aRequest()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DiameterCapabilitiesError);
  expect((error as DiameterCapabilitiesError).result).toEqual({ code: 5010 });
  await client.close();
});

test('an application the server does not serve gets 3007 with the E flag; no handler gets 3001', async () => {
  await using server = await DiameterServer.listen({ identity: { ...HSS, applications: ['s6a', 'gy'] } });
  const client = new DiameterClient({ host: server.host, port: server.port, identity: { ...MME, applications: ['s6a', 'gy'] } });
  const unsupported = await client.request({ ...s6aRequest(), applicationId: 16777238 });
  expect(unsupported.flags & COMMAND_FLAG.error).toBe(COMMAND_FLAG.error);
  expect(numberOf(unsupported.avps, BASE.ResultCode)).toBe(3007);
  const unhandled = await client.request(s6aRequest(316));
  expect(numberOf(unhandled.avps, BASE.ResultCode)).toBe(3001);
  await client.close();
});

test('a request with no answer fails after its Tx timeout; a late answer is dropped and the link stays usable', async () => {
  let calls = 0;
  await using server = await DiameterServer.listen({
    identity: HSS,
    onRequest: async () => {
      if (++calls === 1) await new Promise((resolve) => setTimeout(resolve, 600));
      return { avps: [avp(BASE.ResultCode, 2001), avp(BASE.OriginHost, HSS.originHost), avp(BASE.OriginRealm, HSS.originRealm)] };
    },
  });
  const client = new DiameterClient({ host: server.host, port: server.port, identity: MME, requestTimeoutMs: 200 });
  await expect(client.request(s6aRequest())).rejects.toBeInstanceOf(DiameterTimeoutError);
  const second = await client.request(s6aRequest(), { timeoutMs: 5_000 });
  expect(numberOf(second.avps, BASE.ResultCode)).toBe(2001);
  await client.close();
});

test('a peer that stops answering is found out by the watchdog: suspect, then down, and pending requests fail', async () => {
  // A peer that answers the CER and then never says anything again.
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => {
    sockets.add(socket);
    const reader = new DiameterFrameReader();
    socket.on('data', (chunk) => {
      for (const frame of reader.push(chunk)) {
        const cer = decodeMessage(frame);
        if (cer.commandCode !== 257) continue;
        socket.write(
          encodeMessage({
            ...cer,
            flags: 0,
            avps: [
              avp(BASE.ResultCode, 2001),
              avp(BASE.OriginHost, 'silent.example'),
              avp(BASE.OriginRealm, 'example'),
              avp(BASE.AuthApplicationId, 0xffff_ffff),
            ],
          }),
        );
      }
    });
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const states: string[] = [];
    const client = new DiameterClient({
      host: '127.0.0.1',
      port: (silent.address() as { port: number }).port,
      identity: MME,
      watchdogMs: 100,
      requestTimeoutMs: 30_000,
    });
    const connection = await client.connect();
    const waiting = client.request(s6aRequest()).catch((e: unknown) => e);
    await expect.poll(() => (states.push(connection.watchdogState), connection.state), { timeout: 10_000, intervals: [20] }).toBe('closed');
    expect(states).toContain('suspect');
    expect(await waiting).toBeInstanceOf(DiameterConnectionError);
    expect(await connection.closed).toMatch(/watchdog/);
    await client.close();
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  }
});

test('a handler whose answer cannot be encoded still gets the peer an answer: 5012 with the reason', async () => {
  await using server = await DiameterServer.listen({
    identity: HSS,
    onRequest: () => ({ avps: [avp(BASE.ResultCode, -1)] }),
  });
  const client = new DiameterClient({ host: server.host, port: server.port, identity: MME });
  const answer = await client.request(s6aRequest());
  expect(numberOf(answer.avps, BASE.ResultCode)).toBe(5012);
  expect(answer.avps.find((a) => a.code === BASE.ErrorMessage.code)?.data.toString()).toMatch(/Result-Code/);
  expect(client.connection?.state).toBe('open');
  await client.close();
});

import { test, expect } from '@playwright/test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import fc from 'fast-check';
import { CaseCounter, fuzzSettings } from '../../tests/support/fuzz.js';
import { numberOf } from '../../protocols/diameter/avp-access.js';
import { decodeMessage } from '../../protocols/diameter/decode.js';
import { APPLICATION, BASE } from '../../protocols/diameter/dictionary-base.js';
import { encodeMessage } from '../../protocols/diameter/encode.js';
import { DiameterFrameReader } from '../../protocols/diameter/frame-reader.js';
import { avp, COMMAND_FLAG } from '../../protocols/diameter/message.js';
import { capabilitiesExchangeRequest, type PeerIdentity } from './capabilities.js';
import { DiameterClient } from './peer-client.js';
import { DiameterServer } from './peer-server.js';

// A live server fed random, truncated, mutated and oversized frames on
// connections of their own: it answers what it can decode with a result
// code, closes what it cannot, never crashes or hangs, and keeps serving a
// well-behaved client on another connection throughout.

const HSS: PeerIdentity = { originHost: 'hss.home.example', originRealm: 'home.example', applications: ['s6a'] };
const MME: PeerIdentity = { originHost: 'mme.visited.example', originRealm: 'visited.example', applications: ['s6a'] };
const CER = encodeMessage({ ...capabilitiesExchangeRequest(MME, '127.0.0.1'), hopByHopId: 1, endToEndId: 1 });
const AIR = encodeMessage({
  flags: COMMAND_FLAG.request | COMMAND_FLAG.proxiable,
  commandCode: 318,
  applicationId: APPLICATION.s6a,
  hopByHopId: 2,
  endToEndId: 2,
  avps: [avp(BASE.SessionId, 's;1;2'), avp(BASE.OriginHost, MME.originHost), avp(BASE.OriginRealm, MME.originRealm)],
});

const AIR_SPEC = {
  ...decodeMessage(AIR),
  avps: decodeMessage(AIR).avps.map((a) => ({ code: a.code, vendorId: a.vendorId, flags: a.flags, data: a.data })),
};

const mutated = fc
  .tuple(
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }),
    // Cut short a quarter of the time: a truncated frame is only waited for.
    fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.nat(), weight: 1 }),
  )
  .map(([edits, cut]) => {
    const bytes = Buffer.from(AIR);
    for (const [at, value] of edits) bytes[20 + (at % (bytes.length - 20))] = value;
    return cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length);
  });
const oversized = fc.integer({ min: 65_540, max: 0xff_fffc }).map((length) => {
  const header = Buffer.from(AIR.subarray(0, 20));
  header.writeUIntBE(length - (length % 4), 1, 3);
  return header;
});
const payload = fc.oneof(
  { arbitrary: fc.uint8Array({ minLength: 1, maxLength: 120 }).map((a) => Buffer.from(a)), weight: 1 },
  { arbitrary: mutated, weight: 3 },
  { arbitrary: oversized, weight: 1 },
);

interface Outcome {
  /** Result codes of the answers on the connection, CEA included. */
  readonly answers: number[];
  /** Whether the server closed before `waitMs` passed. */
  readonly closed: boolean;
}

// Opens a connection, sends a proper CER first when asked (so the garbage reaches an open
// connection), then the payload, and reads answers until the server closes or `waitMs` passes.
// `half-close` ends our side after the payload, as a client that is done would.
function feed(port: number, bytes: Buffer, options: { afterCer: boolean; halfClose: boolean; waitMs?: number }): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const reader = new DiameterFrameReader();
    const answers: number[] = [];
    let closed = true;
    const timer = setTimeout(() => {
      closed = false;
      socket.destroy();
    }, options.waitMs ?? 2_000);
    socket.on('connect', () => {
      const all = options.afterCer ? Buffer.concat([CER, bytes]) : bytes;
      if (options.halfClose) socket.end(all);
      else socket.write(all);
    });
    socket.on('data', (chunk) => {
      for (const frame of reader.push(chunk)) answers.push(numberOf(decodeMessage(frame).avps, BASE.ResultCode) ?? -1);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ answers, closed });
    });
  });
}

test('garbage on some connections: answered or closed, never a crash or hang, and other clients keep being served', async ({}, testInfo) => {
  test.setTimeout(120_000);
  let served = 0;
  await using server = await DiameterServer.listen({
    identity: HSS,
    capabilitiesTimeoutMs: 1_000,
    onRequest: () => {
      served++;
      return {
        avps: [
          avp(BASE.SessionId, 's;1;2'),
          avp(BASE.ResultCode, 2001),
          avp(BASE.OriginHost, HSS.originHost),
          avp(BASE.OriginRealm, HSS.originRealm),
        ],
      };
    },
  });
  const client = new DiameterClient({ host: server.host, port: server.port, identity: MME });
  const counter = new CaseCounter('diameter peer fed garbage');
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(true, true, false), payload, async (afterCer, bytes) => {
      counter.count++;
      const [outcome, answer] = await Promise.all([feed(server.port, bytes, { afterCer, halfClose: true }), client.request(AIR_SPEC)]);
      assert.equal(numberOf(answer.avps, BASE.ResultCode), 2001, 'the well-behaved client was not served');
      assert.ok(outcome.closed, 'the connection with garbage was still open after 2 s');
      // Every answer on the garbage connection decoded (or feed would have thrown) and carries a result code.
      for (const code of outcome.answers) assert.ok(code >= 2001 && code < 6000, `result ${code}`);
      const applicationAnswers = afterCer ? outcome.answers.slice(1) : outcome.answers;
      counter.saw(
        applicationAnswers.some((c) => c >= 3000) ? 'error answer' : applicationAnswers.length ? 'answered' : 'closed unanswered',
      );
    }),
    fuzzSettings(150, 30_000),
  );
  counter.report(testInfo);
  expect(served).toBeGreaterThanOrEqual(counter.count);
  expect(counter.seen.get('error answer') ?? 0).toBeGreaterThan(0);
  expect(counter.seen.get('closed unanswered') ?? 0).toBeGreaterThan(0);
  await client.close();
});

test('an oversized or impossible header makes the server close the connection, though the client keeps it open', async () => {
  await using server = await DiameterServer.listen({ identity: HSS });
  const oversizedHeader = Buffer.from(AIR.subarray(0, 20));
  oversizedHeader.writeUIntBE(0x10_0000, 1, 3);
  const wrongVersion = Buffer.from(AIR);
  wrongVersion[0] = 2;
  for (const bytes of [oversizedHeader, wrongVersion]) {
    const outcome = await feed(server.port, bytes, { afterCer: true, halfClose: false, waitMs: 5_000 });
    expect(outcome).toEqual({ answers: [2001], closed: true });
  }
  const truncated = await feed(server.port, AIR.subarray(0, 30), { afterCer: true, halfClose: false, waitMs: 500 });
  expect(truncated, 'a frame cut short is waited for, not answered').toEqual({ answers: [2001], closed: false });
});

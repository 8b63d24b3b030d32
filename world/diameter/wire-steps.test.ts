import { test, expect } from '@playwright/test';
import { decodeMessage } from '../../protocols/diameter/decode.js';
import { encodeMessage } from '../../protocols/diameter/encode.js';
import { COMMAND_FLAG } from '../../protocols/diameter/message.js';
import { buildCreditControlAnswer, buildCreditControlRequest } from '../../protocols/diameter/gy/credit-control.js';
import { RESULT_CODE } from '../../protocols/diameter/result-codes.js';
import type { DiameterTraffic } from '../../peers/diameter/peer-types.js';
import { IdentityHasher } from '../../simulator/identity-hasher.js';
import { withWireMessages } from '../../simulator/signaling/wire-messages.js';
import { wireStepsOf } from './wire-steps.js';

// The messages a VLR's Diameter client reports land in the transaction that sent them:
// the request, then its answer with the round trip, red with the result's name when it failed.

const IMSI = '262011234567890';
const local = { address: '127.0.0.1', port: 40_000 };
const remote = { address: '127.0.0.1', port: 3868 };
const ocs = { originHost: 'ocs.mnc001.mcc262.3gppnetwork.org', originRealm: 'mnc001.mcc262.3gppnetwork.org' };

function exchange(resultCode: number) {
  const routing = { sessionId: 'vlr-208-01;1;1', originHost: 'vlr-208-01', originRealm: 'epc.example', destinationRealm: ocs.originRealm };
  const spec = buildCreditControlRequest(routing, {
    serviceContextId: '32260@3gpp.org',
    requestType: 'event',
    requestNumber: 0,
    imsi: IMSI,
    ratingGroup: 200,
  });
  const ids = { hopByHopId: 42, endToEndId: 42 };
  const request = decodeMessage(encodeMessage({ ...spec, ...ids }));
  const answerSpec = buildCreditControlAnswer(request, ocs, { code: resultCode }, []);
  const answer = decodeMessage(
    encodeMessage({ ...ids, flags: COMMAND_FLAG.proxiable, commandCode: 272, applicationId: 4, avps: answerSpec.avps }),
  );
  const traffic = (direction: 'sent' | 'received', message: typeof request, at: number): DiameterTraffic => ({
    direction,
    at,
    local,
    remote,
    bytes: Buffer.alloc(0),
    message,
  });
  return [traffic('sent', request, 1_000), traffic('received', answer, 1_012)];
}

test('a refused request shows as its CCR, then its CCA in red naming the result, with the IMSI as a pseudonym', async () => {
  const hasher = new IdentityHasher('wire-steps');
  const report = wireStepsOf({ from: 'vlr:208-01', to: 'billing:262-01' }, hasher);
  const [sent, received] = exchange(RESULT_CODE.DIAMETER_USER_UNKNOWN);
  const { messages } = await withWireMessages(async () => {
    report(sent!);
    await Promise.resolve();
    report(received!);
  });
  expect(messages.map((m) => [m.name, m.from, m.to, m.durationMs, m.result, m.detail])).toEqual([
    ['CCR', 'vlr:208-01', 'billing:262-01', 0, 'ok', undefined],
    ['CCA', 'billing:262-01', 'vlr:208-01', 12, 'error', 'DIAMETER_USER_UNKNOWN (5030)'],
  ]);
  const body = messages[0]!.attachment.body;
  expect(body).not.toContain(IMSI);
  expect(body).toContain(hasher.subscriber(IMSI));
});

test('an answer is not shown without its request, and nothing is reported outside a transaction', async () => {
  const report = wireStepsOf({ from: 'vlr:208-01', to: 'billing:262-01' }, new IdentityHasher('wire-steps'));
  const [sent, received] = exchange(RESULT_CODE.DIAMETER_SUCCESS);
  report(sent!); // no transaction: dropped
  const { messages } = await withWireMessages(async () => report(received!));
  expect(messages).toEqual([]);
});

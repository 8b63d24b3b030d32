import { test, expect } from '@playwright/test';
import { decodeMessage } from '../decode.js';
import { describeMessage } from '../describe.js';
import { encodeMessage } from '../encode.js';
import { buildCreditControlRequest, parseCreditControlRequest, type CreditControlRequest } from './credit-control.js';

// A call's side travels in Service-Information / IMS-Information / Role-Of-Node, next to the serving network.

const routing = { sessionId: 'vlr-208-01;1;1', originHost: 'vlr-208-01', originRealm: 'epc.example', destinationRealm: 'ocs.example' };
const call: CreditControlRequest = {
  serviceContextId: '32260@3gpp.org',
  requestType: 'initial',
  requestNumber: 0,
  imsi: '262011234567890',
  ratingGroup: 100,
  sgsnMccMnc: '20801',
};

function onTheWire(request: CreditControlRequest) {
  const message = decodeMessage(encodeMessage({ ...buildCreditControlRequest(routing, request), hopByHopId: 1, endToEndId: 1 }));
  return { described: describeMessage(message), parsed: parseCreditControlRequest(message) };
}

for (const role of ['originating', 'terminating'] as const) {
  test(`a ${role} call's role survives the wire, decoded by name`, () => {
    const { described, parsed } = onTheWire({ ...call, roleOfNode: role });
    expect(parsed).toMatchObject({ roleOfNode: role, sgsnMccMnc: '20801' });
    const service = described.avps.find((a) => a.name === 'Service-Information')!;
    const ims = service.avps!.find((a) => a.name === 'IMS-Information')!;
    expect(ims.avps!.map((a) => [a.name, a.value])).toEqual([
      ['Role-Of-Node', role === 'originating' ? 'ORIGINATING_ROLE (0)' : 'TERMINATING_ROLE (1)'],
    ]);
  });
}

test('a request with no call side carries no IMS-Information', () => {
  const { described, parsed } = onTheWire(call);
  expect(parsed.roleOfNode).toBeUndefined();
  const service = described.avps.find((a) => a.name === 'Service-Information')!;
  expect(service.avps!.map((a) => a.name)).toEqual(['PS-Information']);
});

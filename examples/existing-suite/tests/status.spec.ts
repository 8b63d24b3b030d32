import { setupServer } from 'msw/node';
import { createHlrHandler, HlrClient, mswHandlers } from 'roaming-harness/mocks';
import { HomeLocationRegister, RoamingAgreements } from 'roaming-harness/simulator';
import { test, expect, HLR_URL } from './fixtures.js';

// The suite's own unit tests of its own code. The HLR it calls is roaming-harness's
// mock HLR mounted in MSW: the real contract and validation, no port, no hand-written stubs.
const hlr = new HomeLocationRegister({ plmn: '262-01', agreements: new RoamingAgreements() });
const server = setupServer(...mswHandlers([{ baseUrl: HLR_URL, handler: createHlrHandler(hlr) }]));
test.beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
test.afterAll(() => server.close());

const alice = {
  imsi: '262011234567890',
  msisdn: '+4915112345678',
  k: '465b5ce8b199b49faa5f0a2ee238a6bc',
  opc: 'cd63cb71954a9f4e48a5994e37a02baf',
};

test('a subscriber the HLR does not know', async ({ statusService }) => {
  expect(await statusService.statusOf('262019999999999')).toBe('unknown subscriber');
});

test('a provisioned subscriber who has not registered anywhere', async ({ statusService }) => {
  await new HlrClient({ baseUrl: HLR_URL }).provision(alice);
  expect(await statusService.statusOf(alice.imsi)).toBe('not registered');
});

test('a subscriber barred from roaming', async ({ statusService }) => {
  await new HlrClient({ baseUrl: HLR_URL }).provision({ ...alice, imsi: '262011234567891', msisdn: '+4915112345679', roaming: { allowed: false } });
  expect(await statusService.statusOf('262011234567891')).toBe('roaming barred');
});

import { test, expect } from '@playwright/test';
import { realClock } from '../../core/clock.js';
import type { PlmnId } from '../../simulator/plmn.js';
import type { HomeNetworkPort } from '../../simulator/signaling/ports.js';
import { serveElement } from '../../mocks/element/served-element.js';
import { HlrClient } from '../../mocks/hlr/client.js';
import { BillingClient } from '../../mocks/billing/client.js';
import { vlrElement } from '../../mocks/vlr/element.js';
import { runSuite } from '../core/run-suite.js';
import { freePort } from '../../chaos/test-support/free-port.js';
import { openVlrTarget } from './open-vlr-target.js';
import { vlrSuite } from './vlr-suite.js';

test('the built-in VLR, its HLR and billing emulated by the suite, passes every case', async () => {
  await using vlr = await openVlrTarget({ target: 'builtin' });
  const run = await runSuite(vlrSuite, vlr, vlr.implementation);
  expect(run.cases.filter((c) => c.status !== 'passed')).toEqual([]);
});

test("a VLR at a URL, configured with the suite's HLR and billing addresses, passes every case", async () => {
  const hlrListen = `127.0.0.1:${await freePort()}`;
  const billingListen = `127.0.0.1:${await freePort()}`;
  // The partner's VLR, configured with the addresses the suite emulates its home network at.
  const homeNetworks = new Map<PlmnId, HomeNetworkPort>([
    ['262-01' as PlmnId, new HlrClient({ baseUrl: `http://${hlrListen}`, vlrNumber: 'partner-vlr' })],
  ]);
  const charging = new BillingClient({ baseUrl: `http://${billingListen}` });
  await using partner = await serveElement(
    vlrElement({ plmn: '208-01', vlrNumber: 'partner-vlr', homeNetworks, clock: realClock, charging }),
  );
  await using vlr = await openVlrTarget({ target: partner.url, hlrListen, billingListen });
  const run = await runSuite(vlrSuite, vlr, vlr.implementation);
  expect(run.cases.filter((c) => c.status !== 'passed')).toEqual([]);
  expect(run.implementation.target).toBe(partner.url);
});

test('a VLR at a URL without the addresses of its environment is refused, saying what to give', async () => {
  await expect(openVlrTarget({ target: 'http://127.0.0.1:9' })).rejects.toThrow(
    /^\[roam\] Failed to set up http:\/\/127\.0\.0\.1:9 for the conformance suite: a VLR reaches its HLR and billing on its own, .*--hlr-listen host:port --billing-listen host:port/,
  );
});

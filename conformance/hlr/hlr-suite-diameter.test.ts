import { test, expect } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { DiameterHss } from '../../peers/diameter/s6a/diameter-hss.js';
import { S6aVisitedNetworks } from '../../peers/diameter/s6a/s6a-visited-networks.js';
import { HomeLocationRegister } from '../../simulator/elements/home-location-register.js';
import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { runSuite } from '../core/run-suite.js';
import { freshSubscriberKeys } from '../subscribers/test-subscriber.js';
import { hlrSuite } from './hlr-suite.js';
import { openHlrTarget } from './open-hlr-target.js';

// The HLR suite against an HSS over S6a at a diameter:// URL: our own Diameter
// HSS, started on its own, with subscribers provisioned in it and listed in a
// CSV as a user would. Every case runs; only the one a subscriber list cannot
// express (a subscriber allowed in some networks only) is skipped, saying so.

async function standaloneHss(rows: { allowed: number; barred: number }, csv: string, peers: Set<string>) {
  const agreements = new RoamingAgreements();
  agreements.add('262-01', '208-01');
  const visitedNetworks = new S6aVisitedNetworks();
  const hlr = new HomeLocationRegister({ plmn: '262-01', agreements, visitedNetworks, onCancelLocationFailed: () => undefined });
  const lines = ['imsi,msisdn,k,opc,roaming'];
  for (const [roaming, count] of [
    ['allowed', rows.allowed],
    ['barred', rows.barred],
  ] as const) {
    for (let i = 0; i < count; i++) {
      const keys = freshSubscriberKeys('262-01');
      hlr.provision({ ...keys, roaming: { allowed: roaming === 'allowed' } });
      lines.push(`${keys.imsi},${keys.msisdn},${keys.k},${keys.opc},${roaming}`);
    }
  }
  writeFileSync(csv, `${lines.join('\n')}\n`);
  return DiameterHss.serve({
    hlr,
    visitedNetworks,
    identity: { originHost: 'hss.partner.example', originRealm: 'partner.example' },
    onOpen: (connection) => void peers.add(connection.peer!.originHost),
  });
}

test('an HSS over S6a at a diameter:// URL passes every case the subscriber list can express', async ({}, testInfo) => {
  test.setTimeout(120_000);
  const csv = testInfo.outputPath('subscribers.csv');
  const peers = new Set<string>();
  await using hss = await standaloneHss({ allowed: 40, barred: 5 }, csv, peers);
  await using hlr = await openHlrTarget({ target: `diameter://127.0.0.1:${hss.port}?originRealm=harness.example`, subscribers: csv });
  const run = await runSuite(hlrSuite, hlr, hlr.implementation);
  expect(run.implementation).toMatchObject({ protocol: 'diameter', contract: { name: 'S6a (Diameter, 3GPP TS 29.272)' } });
  expect(run.cases.filter((c) => c.status === 'failed').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
  expect(run.cases.filter((c) => c.status === 'skipped').map((c) => [c.id, c.message])).toEqual([
    ['HLR-LOC-05', expect.stringMatching(/a subscriber list cannot express/)],
  ]);
  // The suite's VLRs are distinct MMEs in the realm the URL gave.
  expect([...peers].sort()).toEqual(['conformance-vlr-1.harness.example', 'conformance-vlr-2.harness.example']);
});

test('an HSS over S6a without a subscriber list is refused, saying what to give', async () => {
  await expect(openHlrTarget({ target: 'diameter://127.0.0.1:3868' })).rejects.toThrow(
    /an HSS over S6a cannot be provisioned by the suite, and no subscriber list was given\. Provision subscribers in the HSS and give --subscribers <csv>/,
  );
});

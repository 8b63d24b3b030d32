import { test, expect } from '@playwright/test';
import { parseSpecText } from '../specs/loader.js';
import { runScenario } from '../specs/run-scenario.js';
import { RoamingAgreements } from '../simulator/policy/agreements.js';
import { serveElement } from '../mocks/element/served-element.js';
import { hlrElement } from '../mocks/hlr/element.js';
import { billingElement } from '../mocks/billing/element.js';

// A spec's world takes the user's own elements by URL, as the world option does.

const specWith = (world: string, clock = 'networked') => `scenario: Roamers attach to your HLR and are billed by your billing
id: SLOT-01
clock: ${clock}
world:
  home: { plmn: 262-01 }
  visited: [{ plmn: 208-01 }]
${world}
subscribers:
  travellers: { count: 2, seed: 3 }
steps:
  - attach: { who: travellers, visited: 208-01 }
  - sms: { who: travellers }
expect:
  transitions: { attach: [IDLE, REGISTERED], mode: subsequence }
  billing: reconciled
`;

test('a bad element slot fails validation at its line, in the words the world would use', () => {
  const { problems } = parseSpecText(
    specWith('  hlr: ftp://hlr.example.net:21\n  billing: https://user:secret@ocs.example.net:8443\n').replace(
      'visited: [{ plmn: 208-01 }]',
      'visited: [{ plmn: 208-01, vlr: osmo-hlr }]',
    ),
    'slots.roam.yaml',
  );
  const byPath = Object.fromEntries(problems.map((p) => [p.path, p]));
  expect(Object.keys(byPath).sort()).toEqual(['world.billing', 'world.hlr', 'world.visited[0].vlr']);
  expect(byPath['world.hlr']!.message).toContain('the scheme ftp is not known');
  expect(byPath['world.hlr']!.location.line).toBe(7);
  expect(byPath['world.billing']!.message).toContain('the URL carries credentials');
  expect(byPath['world.billing']!.message).not.toContain('secret');
  expect(byPath['world.visited[0].vlr']!.message).toContain('osmo-hlr is an HLR');
});

test('the words of a built-in element still validate, and the HLR defaults to ours', () => {
  const { scenarios, problems } = parseSpecText(specWith('  hlr: builtin\n  billing: builtin\n'), 'ok.roam.yaml');
  expect(problems).toEqual([]);
  expect(scenarios[0]!.spec.world).toMatchObject({ hlr: 'builtin', billing: 'builtin' });
  expect(parseSpecText(specWith(''), 'default.roam.yaml').scenarios[0]!.spec.world.hlr).toBe('mock');
});

test('a networked spec runs against an HLR and a billing system given by URL: provisioned, attached and billed there', async () => {
  const agreements = new RoamingAgreements();
  agreements.add('262-01', '208-01');
  await using hlr = await serveElement(hlrElement({ plmn: '262-01', agreements }));
  await using billing = await serveElement(billingElement('262-01', agreements));
  const { scenarios, problems } = parseSpecText(specWith(`  hlr: ${hlr.url}\n  billing: ${billing.url}\n`), 'yours.roam.yaml');
  expect(problems).toEqual([]);
  await runScenario(scenarios[0]!);
  const registered = hlr.state.list().filter((s) => s.servingVlr?.plmn === '208-01');
  expect(registered).toHaveLength(2);
  expect(billing.state.cdrs.records.filter((r) => r.service === 'sms')).toHaveLength(2);
});

test('an element given by URL on the virtual clock is refused: there is no socket to reach it through', async () => {
  const { scenarios } = parseSpecText(specWith('  hlr: http://127.0.0.1:9\n', 'virtual'), 'virtual.roam.yaml');
  await expect(runScenario(scenarios[0]!)).rejects.toThrow(
    /an element given by URL \(world\.hlr\) is not supported there\. Run it with clock: networked\./,
  );
});

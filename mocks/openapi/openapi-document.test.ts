import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { openApiDocument } from './openapi-document.js';
import { ResponseValidator } from './test-support/response-validator.js';
import { runSuite } from '../../conformance/core/run-suite.js';
import { hlrSuite } from '../../conformance/hlr/hlr-suite.js';
import { openHlrTarget } from '../../conformance/hlr/open-hlr-target.js';
import { vlrSuite } from '../../conformance/vlr/vlr-suite.js';
import { openVlrTarget } from '../../conformance/vlr/open-vlr-target.js';
import { billingSuite } from '../../conformance/billing/billing-suite.js';
import { openBillingTarget } from '../../conformance/billing/open-billing-target.js';
import { startRoamingWorld } from '../../world/roaming-world.js';
import { setDefaultHttpTransport } from '../http/http-exchange.js';

const ROLES = ['hlr', 'vlr', 'billing'] as const;

test('each document validates as OpenAPI 3.1', async () => {
  for (const role of ROLES) {
    const validator = new Validator();
    const result = await validator.validate(openApiDocument(role) as Parameters<Validator['validate']>[0]);
    expect(result, role).toEqual({ valid: true });
    expect(validator.version).toBe('3.1');
  }
});

test('a document that is not OpenAPI 3.1 is refused by the same validator', async () => {
  const broken = openApiDocument('hlr') as { info: { version?: string } };
  delete broken.info.version;
  expect((await new Validator().validate(broken as Parameters<Validator['validate']>[0])).valid).toBe(false);
});

test('an answer the document does not allow is a finding: a vector without AUTN, an unknown field, a status not listed', () => {
  const validator = new ResponseValidator([openApiDocument('hlr')]);
  const vector = {
    rand: '0'.repeat(32),
    xres: '0'.repeat(16),
    ck: '0'.repeat(32),
    ik: '0'.repeat(32),
    sres: '0'.repeat(8),
    kc: '0'.repeat(16),
  };
  validator.check('POST', '/hlr/v1/auth-info', 200, JSON.stringify({ vectors: [vector] }));
  validator.check(
    'POST',
    '/hlr/v1/update-location',
    200,
    JSON.stringify({ subscriberData: { msisdn: '+4915112345678', services: ['voice'], vip: true } }),
  );
  validator.check('POST', '/hlr/v1/auth-info', 200, JSON.stringify({ vectors: [{ ...vector, autn: '0'.repeat(32) }] }));
  expect(validator.findings.map((f) => [f.operation, f.problem])).toEqual([
    ['POST /hlr/v1/auth-info', expect.stringContaining("must have required property 'autn'")],
    ['POST /hlr/v1/update-location', expect.stringContaining('must NOT have additional properties')],
  ]);
});

test('the documents shipped in openapi/ are the ones the contracts generate (roam contracts export --output openapi)', () => {
  for (const role of ROLES) {
    const shipped = JSON.parse(readFileSync(fileURLToPath(new URL(`../../openapi/roam-${role}.openapi.json`, import.meta.url)), 'utf8'));
    expect(shipped, role).toEqual(openApiDocument(role));
  }
});

test('what the elements really answer matches the documents: every operation, successes and problems', async () => {
  test.setTimeout(120_000);
  const validator = new ResponseValidator(ROLES.map(openApiDocument));
  const original = globalThis.fetch;
  // Every client in this process (the suites', the world's VLRs' and HLRs') goes through the global fetch.
  globalThis.fetch = validator.wrap(original);
  const transport = setDefaultHttpTransport('fetch');
  try {
    for (const [suite, open] of [
      [hlrSuite, openHlrTarget],
      [vlrSuite, openVlrTarget],
      [billingSuite, openBillingTarget],
    ] as const) {
      await using target = await (open as typeof openHlrTarget)({ target: 'builtin' });
      const run = await runSuite(suite as typeof hlrSuite, target, target.implementation);
      expect(run.cases.filter((c) => c.status !== 'passed')).toEqual([]);
    }
    // What the suites do not drive: calls, handover, MT services, the admin reads, the element's own endpoints.
    await using world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01', '214-01'] });
    const roamer = await world.subscribers.create();
    await world.attach(roamer, { visited: '208-01' });
    const sim = world.simulator;
    const call = await sim.initiateCall({ subscriber: roamer, calledParty: '+33612345678' });
    await sim.handoff(call.correlationId, '214-01');
    await sim.terminateCall(call.correlationId);
    const access = world.visitedNetwork('214-01').access;
    await access.deliverCall({ imsi: roamer.imsi, otherParty: '+33612345678' });
    await access.deliverShortMessage({ imsi: roamer.imsi, otherParty: '+33612345678' });
    const home = world.homeNetwork('262-01');
    await world.hlr().getSubscriber(roamer.imsi);
    await home.admin.getSubscriber('262019999999999').catch(() => undefined);
    await world.billing().ratedCdrs();
    await world.billing().intakeRejections();
    for (const path of ['/about', '/healthz', '/readyz']) await fetch(`http://${home.hlrAddress}${path}`);
    await fetch(`http://${home.hlrAddress}/admin/v1/subscribers/${roamer.imsi}`, { method: 'DELETE' });
    await sim.detach(roamer).catch(() => undefined);
  } finally {
    globalThis.fetch = original;
    setDefaultHttpTransport(transport);
  }
  expect(validator.findings).toEqual([]);
  const seen = new Set([...validator.seen].map((s) => s.replace(/ \d+$/, '')));
  expect(validator.operations().filter((op) => !seen.has(op))).toEqual([]);
  // Problems were checked too, not only successes.
  expect([...validator.seen].filter((s) => / (400|401|403|404|409)$/.test(s)).length).toBeGreaterThan(5);
});

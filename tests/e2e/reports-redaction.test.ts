import { test, expect } from '@playwright/test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Faker, base, en } from '@faker-js/faker';
import { IdentityHasher } from '../../simulator/identity-hasher.js';
import { SubscriberFactory, type Subscriber } from '../../simulator/subscriber.js';
import { loadSpecs } from '../../specs/loader.js';
import { scanForSecrets } from '../../reporters/redaction/secret-scan.js';
import { repoRoot, runNode } from '../support/inline-project.js';

// Acceptance of issue #7, item 7: K, OPc and the evidence key never leave the
// run, and identities appear only as pseudonyms — checked over every file a
// demo run writes (results, report, history, artifacts) and its evidence bundle.
test.describe.configure({ timeout: 240_000 });

const HASH_KEY = 'redaction-test-pseudonym-key';
const EVIDENCE_KEY = 'redaction-test-evidence-key-7f3a';

/** The demo's subscribers, made again the way the scenario library's worlds make them (same seed, same order). */
function demoSubscribers(): Subscriber[] {
  return loadSpecs('specs/library/**/*.roam.yaml', repoRoot).flatMap(({ spec }) => {
    const seed = Object.values(spec.subscribers).find((g) => g.seed !== undefined)?.seed ?? 1;
    const factory = new SubscriberFactory(new Faker({ locale: [en, base], seed }));
    return Object.values(spec.subscribers).flatMap((group) =>
      factory.create({ home: group.home ?? spec.world.home.plmn, count: group.count, profile: group.profile }),
    );
  });
}

test('a demo run and its evidence bundle hold no K, OPc, IMSI, MSISDN or evidence key, in any file', async () => {
  const output = join(repoRoot, '.inline', `redaction-demo-${process.pid}-${Date.now()}`);
  const cli = join(repoRoot, 'dist', 'cli', 'main.js');
  const env = { ROAM_HASH_KEY: HASH_KEY, ROAM_EVIDENCE_KEY: EVIDENCE_KEY };
  try {
    const demo = await runNode([cli, 'demo', '--output', output], repoRoot, env);
    // Whether the library's SLOs held on this machine is not the point here; that the run wrote its outputs is.
    expect(demo.output).toContain(`[roam] Allure report: ${join(output, 'allure-report', 'index.html')}`);
    const evidence = await runNode(
      [
        cli,
        'evidence',
        'build',
        '--output',
        'evidence/demo',
        '--specs',
        join(repoRoot, 'specs', 'library'),
        '--results',
        'allure-results',
        '--report',
        'allure-report',
      ],
      output,
      env,
    );
    expect(evidence.code, evidence.output).toBe(0);

    const subscribers = demoSubscribers();
    expect(subscribers.length).toBeGreaterThan(0);
    // The reproduction is right only if the demo's pseudonyms of these IMSIs are in its outputs.
    const hasher = new IdentityHasher(HASH_KEY);
    const pseudonyms = scanForSecrets(output, Object.fromEntries(subscribers.map((s) => [s.imsi, hasher.subscriber(s.imsi)])));
    expect(new Set(pseudonyms.findings.map((f) => f.secret)).size, 'every demo subscriber appears by pseudonym').toBe(subscribers.length);

    const secrets: Record<string, string> = { 'the evidence key': EVIDENCE_KEY, 'the pseudonym key': HASH_KEY };
    subscribers.forEach((s, i) => {
      const { k, opc } = s.credentials.reveal();
      Object.assign(secrets, {
        [`K of subscriber ${i + 1}`]: k,
        [`OPc of subscriber ${i + 1}`]: opc,
        [`IMSI of subscriber ${i + 1}`]: s.imsi,
      });
      Object.assign(secrets, { [`MSISDN of subscriber ${i + 1}`]: s.msisdn });
    });
    const scan = scanForSecrets(output, secrets);
    expect(scan.scanned).toBeGreaterThan(50);
    expect(scan.findings).toEqual([]);
    expect(scan.unopened).toEqual([]);
  } finally {
    rmSync(output, { recursive: true, force: true });
  }
});

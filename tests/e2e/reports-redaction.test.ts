import { test, expect } from '@playwright/test';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateEvidenceKeyPair, signingKeyFromPem, signingKeySecret } from '../../reporters/evidence/signing-keys.js';
import { IdentityHasher } from '../../simulator/identity-hasher.js';
import type { Subscriber } from '../../simulator/subscriber.js';
import { subscribersOf } from '../../specs/runner/worlds.js';
import { demoSubscribers } from '../../cli/demo/demo-run.js';
import { loadSpecs } from '../../specs/loader.js';
import { scanForSecrets } from '../../reporters/redaction/secret-scan.js';
import { repoRoot, runNode } from '../support/inline-project.js';

// K, OPc and the evidence key never leave the
// run, and identities appear only as pseudonyms — checked over every file a
// demo run writes (results, report, history, artifacts) and its evidence bundle.
test.describe.configure({ timeout: 240_000 });

const HASH_KEY = 'redaction-test-pseudonym-key';
const EVIDENCE_KEY = generateEvidenceKeyPair('ed25519');

/**
 * The scenario library's subscribers, made again exactly as the spec runner
 * makes them (on either clock), all of them: peak-load's 10,000 included.
 */
function librarySubscribers(): Subscriber[] {
  return loadSpecs('specs/library/**/*.roam.yaml', repoRoot).flatMap(({ spec }) => [...subscribersOf(spec).values()].flat());
}

test('a demo run and its evidence bundle hold no K, OPc, IMSI, MSISDN or evidence key, in any file', async () => {
  const output = join(repoRoot, '.inline', `redaction-demo-${process.pid}-${Date.now()}`);
  const cli = join(repoRoot, 'dist', 'cli', 'main.js');
  const keyFile = join(repoRoot, '.inline', `redaction-evidence-${process.pid}-${Date.now()}.key`);
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, EVIDENCE_KEY.privateKeyPem, { mode: 0o600 });
  const env = { ROAM_HASH_KEY: HASH_KEY, ROAM_EVIDENCE_KEY: keyFile };
  try {
    const demo = await runNode([cli, 'demo', '--output', output], repoRoot, env);
    // Whether the library's SLOs held in this run is not the point here; that the run wrote its outputs is.
    expect(demo.output).toContain(`[roam] Allure report: ${join(output, 'allure-report', 'index.html')}`);
    // The demo bundled its evidence, signed with the key, and verified it.
    expect(demo.output).toMatch(
      /\[roam\] Evidence verified: .*roaming-demo\.tar\.gz: all \d+ files match the signed statement; signed by roaming-demo\.pub/,
    );
    expect(readFileSync(join(output, 'evidence', 'roaming-demo.pub'), 'utf8')).toBe(EVIDENCE_KEY.publicKeyPem);
    for (const path of ['junit.xml', 'slo-summary/slo-summary.md', 'slo-summary/slo-summary.json', 'allure-report-single/index.html']) {
      expect(existsSync(join(output, path)), path).toBe(true);
    }
    for (const path of ['run-data/events', 'run-data/billing/cdrs', 'run-data/billing/usage', 'run-data/billing/reconciliation']) {
      expect(readdirSync(join(output, path)).length, path).toBeGreaterThan(0);
    }

    const own = demoSubscribers();
    const subscribers = [...own, ...librarySubscribers()];
    // The reproduction is right only if the demo's pseudonyms of these IMSIs are in its outputs:
    // every one of the demo's own scenarios', and the library's (whose reports may show only some).
    const hasher = new IdentityHasher(HASH_KEY);
    const pseudonymScan = scanForSecrets(output, Object.fromEntries(subscribers.map((s) => [s.imsi, hasher.subscriber(s.imsi)])));
    const seen = new Set(pseudonymScan.findings.map((f) => f.secret));
    expect(own.filter((s) => !seen.has(s.imsi)).length, 'demo scenario subscribers missing from the outputs').toBe(0);
    expect(subscribers.filter((s) => seen.has(s.imsi)).length, 'library subscribers seen').toBeGreaterThan(own.length);

    const secrets: Record<string, string> = {
      'the evidence signing key': signingKeySecret(signingKeyFromPem(EVIDENCE_KEY.privateKeyPem, 'evidence.key')),
      'the evidence signing key (PEM)': EVIDENCE_KEY.privateKeyPem.replace(/-----[A-Z ]+-----|\s/g, ''),
      'the pseudonym key': HASH_KEY,
    };
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
    rmSync(keyFile, { force: true });
  }
});

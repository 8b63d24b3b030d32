import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SloSummary } from '../../metrics/slo-summary.js';
import { DEMO_DEFAULT_OUTPUT } from '../../cli/commands/demo.js';
import { partnerVerifiesEnvelope, sha256Hex } from '../support/evidence-fixtures.js';
import { repoRoot, runNode } from '../support/inline-project.js';
import { serveFolder } from '../support/static-server.js';

// `npm run demo` as a user runs it: the built CLI in a subprocess. One run,
// then its outputs are checked: the printed paths, the JUnit XML and SLO
// summary, the Allure report in headless Chromium, and the evidence bundle.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const cli = join(repoRoot, 'dist', 'cli', 'main.js');
// As `npm run demo` in a clone: from the repository's root, into the default output folder.
const output = join(repoRoot, DEMO_DEFAULT_OUTPUT);
let log = '';
let code = -1;
let statusBefore: string | undefined;
let statusAfter: string | undefined;

/** `git status --short` of the repository, or undefined when it is not a git work tree. */
function gitStatus(): string | undefined {
  const status = spawnSync('git', ['status', '--short', '--untracked-files=all'], { cwd: repoRoot, encoding: 'utf8' });
  return status.status === 0 ? status.stdout : undefined;
}

test.beforeAll(async () => {
  // The demo takes about half a minute alone; much longer on a busy machine.
  test.setTimeout(300_000);
  statusBefore = gitStatus();
  const run = await runNode([cli, 'demo'], repoRoot);
  statusAfter = gitStatus();
  log = run.output;
  code = run.code;
});

test.afterAll(() => rmSync(output, { recursive: true, force: true }));

test('the demo writes only into its output folder, which git ignores: git status is as it was', () => {
  test.skip(statusBefore === undefined, 'not a git work tree (git status failed), so there is no status to compare');
  expect(log).toContain(`Allure report:             ${join(output, 'allure-report', 'index.html')}`);
  expect(statusAfter).toBe(statusBefore);
});

test('the demo prints where every output is, and what it wrote is there', () => {
  expect(/\[roam\] Allure report: (.+index\.html)/.exec(log)?.[1], log).toBe(join(output, 'allure-report', 'index.html'));
  for (const line of [
    `Allure report, one file:   ${join(output, 'allure-report-single', 'index.html')}`,
    `JUnit XML:                 ${join(output, 'junit.xml')}`,
    `SLO summary:               ${join(output, 'slo-summary', 'slo-summary.md')}`,
    `Event logs, CDRs, usage:   ${join(output, 'run-data')}`,
    `Evidence bundle:           ${join(output, 'evidence', 'roaming-demo')}`,
    `Evidence archive:          ${join(output, 'evidence', 'roaming-demo.tar.gz')}`,
    `Evidence public key:       ${join(output, 'evidence', 'roaming-demo.pub')}`,
  ]) {
    expect(log).toContain(line);
  }
  expect(log).toMatch(
    /\[roam\] Evidence verified: .*roaming-demo\.tar\.gz: all \d+ files match the signed statement; signed by roaming-demo\.pub/,
  );
  // The same test names in JUnit as in the report and the SLO summary.
  const junit = readFileSync(join(output, 'junit.xml'), 'utf8');
  for (const name of [
    'CHAOS-01: attaches in France recover after an inter-PLMN partition and a slow radio link',
    'BILL-01: a roaming day in France and Spain is billed exactly as used',
  ]) {
    // The demo's own scenarios pass: their testcase holds no <failure>.
    const at = junit.indexOf(`<testcase name="${name}"`);
    expect(at, name).toBeGreaterThanOrEqual(0);
    const testcase = junit.slice(at, junit.indexOf('</testcase>', at));
    expect(testcase, name).not.toContain('<failure');
  }
  // The demo exits 0 exactly when every test passed (the library's scenarios included).
  const failures = Number(/<testsuites[^>]*\sfailures="(\d+)"/.exec(junit)?.[1] ?? NaN);
  expect(code, `${failures} failed\n${log.slice(-3000)}`).toBe(failures === 0 ? 0 : 1);
  const summary = JSON.parse(readFileSync(join(output, 'slo-summary', 'slo-summary.json'), 'utf8')) as SloSummary;
  expect(summary.rows.map((r) => `${r.test.split(':')[0]} ${r.metric} ${r.slo}`)).toEqual(
    expect.arrayContaining([
      'CHAOS-01 attach_latency p(95)<1000ms',
      'CHAOS-01 attach_success rate>=99%',
      'BILL-01 attach_latency p(95)<1000ms',
    ]),
  );
  expect(readFileSync(join(output, 'slo-summary', 'slo-summary.md'), 'utf8')).toContain('## SLO summary');
  expect(readFileSync(join(output, 'allure-report-single', 'index.html'), 'utf8')).not.toMatch(/googletagmanager|gtag\(/);
});

test('the report shows the library attach with its signaling steps, the drill with its chaos timeline, offline', async ({ page }) => {
  const index = join(output, 'allure-report', 'index.html');
  expect(readFileSync(index, 'utf8')).not.toMatch(/googletagmanager|gtag\(/);
  await using server = await serveFolder(dirname(index));
  const outside: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
  });
  await page.goto(server.url);
  await page.getByText('scenario-library.demo.js').click();
  await page.getByText('specs/library/happy-path-attach.roam.yaml').click();
  await page.getByText('IR24-LU-01: A German roamer attaches in France').first().click();
  await expect(page.getByText('Test body')).toBeVisible();
  const attachStep = page.getByText(/^attach travellers \(3\) in 208-01$/);
  await expect(attachStep).toBeVisible();
  await attachStep.click();
  // One step per subscriber (by pseudonym), then each exchange with the network,
  await page
    .getByText(/^attach sub_[0-9a-f]+$/)
    .first()
    .click();
  // and inside: each exchange with the network, and in it one step per signaling transaction with its timing.
  await page.getByText('Attach Request').first().click();
  await expect(page.getByText(/^SendAuthInfo vlr:208-01 → hlr:262-01 \(\d+\.\d ms\)$/).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('allure-report.png'), fullPage: true });

  await page.goto(server.url);
  await page.getByText('chaos-drill.demo.js').click();
  await page
    .getByText(/^CHAOS-01: attaches in France recover/)
    .first()
    .click();
  // The drill's attaches are steps too, each with its exchanges and their signaling.
  const drillStep = page.getByText(/^chaos drill: HLR unreachable from France/);
  const drillAttaches = page.getByText(/^attach sub_[0-9a-f]{16} in 208-01$/);
  await expect(drillStep).toBeVisible();
  // The report opens a step with failures in it (attaches during the partition) by itself.
  if (!(await drillAttaches.first().isVisible())) await drillStep.click();
  await expect(drillAttaches.first()).toBeVisible();
  await page.getByText('Chaos timeline', { exact: true }).click();
  await page.getByText(/^Latency attach_latency p\(95\)<1000ms$/).click();
  const charts = page.locator('[data-testid="image-attachment-content"] img');
  await expect(charts).toHaveCount(2);
  for (const chart of await charts.all()) expect(await chart.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(300);
  await page.screenshot({ path: test.info().outputPath('allure-report-chaos-drill.png'), fullPage: true });
  expect(outside).toEqual([]);
});

test("the demo's DSSE envelope verifies with only its public key and node:crypto; one changed byte of the payload or of a file fails", () => {
  const bundle = join(output, 'evidence', 'roaming-demo');
  const publicKey = readFileSync(`${bundle}.pub`, 'utf8');
  expect(publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  const envelope = JSON.parse(readFileSync(join(bundle, 'statement.dsse.json'), 'utf8'));
  expect(partnerVerifiesEnvelope(envelope, publicKey)).toBe(true);
  const payload = Buffer.from(envelope.payload, 'base64');
  // Every 97th byte of the payload, and its last: each flip breaks the signature.
  for (const at of [...Array.from({ length: Math.ceil(payload.length / 97) }, (_, i) => i * 97), payload.length - 1]) {
    const changed = Buffer.from(payload);
    changed[at] = changed[at]! ^ 0x01;
    expect(partnerVerifiesEnvelope({ ...envelope, payload: changed.toString('base64') }, publicKey), `payload byte ${at}`).toBe(false);
  }
  // The statement binds every file of the bundle by digest, and each file is as signed.
  const statement = JSON.parse(payload.toString('utf8')) as { subject: { name: string; digest: { sha256: string } }[] };
  expect(statement.subject.length).toBeGreaterThan(1);
  for (const subject of statement.subject) {
    const bytes = readFileSync(join(bundle, ...subject.name.split('/')));
    expect(sha256Hex(bytes), subject.name).toBe(subject.digest.sha256);
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0x01;
    expect(sha256Hex(bytes), subject.name).not.toBe(subject.digest.sha256);
  }
});

test('the demo evidence verifies untouched; one changed byte makes roam evidence verify fail and name that file', async () => {
  const bundle = join(output, 'evidence', 'roaming-demo');
  const key = `${bundle}.pub`;
  const untouched = await runNode([cli, 'evidence', 'verify', bundle, '--key', key], repoRoot);
  expect(untouched.code, untouched.output).toBe(0);
  const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
  const paths = manifest.files.map((f) => f.path);
  // Every section of the bundle is there.
  for (const prefix of ['specs/', 'results/', 'events/', 'billing/cdrs/', 'billing/usage/', 'billing/reconciliation/', 'slo/', 'report/']) {
    expect(
      paths.some((p) => p.startsWith(prefix)),
      prefix,
    ).toBe(true);
  }
  expect(paths).toEqual(expect.arrayContaining(['README.md', 'run.json', 'versions.json', 'billing/cdrs/cdrs-208-01.csv']));

  const target = join(bundle, 'billing', 'cdrs', 'cdrs-208-01.csv');
  const bytes = readFileSync(target);
  bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 0x01;
  writeFileSync(target, bytes);
  const tampered = await runNode([cli, 'evidence', 'verify', bundle, '--key', key], repoRoot);
  expect(tampered.code, tampered.output).toBe(1);
  expect(tampered.output).toContain('changed: billing/cdrs/cdrs-208-01.csv');
  expect(tampered.output.match(/changed: /g)).toHaveLength(1);
  // The archive made with it is untouched and still verifies, with the key and not without.
  const archive = await runNode([cli, 'evidence', 'verify', `${bundle}.tar.gz`, '--key', key], repoRoot);
  expect(archive.code, archive.output).toBe(0);
  expect((await runNode([cli, 'evidence', 'verify', `${bundle}.tar.gz`], repoRoot)).code).toBe(1);
});

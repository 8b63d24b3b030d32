import { test, expect, type Page } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildHtmlReport } from '../../reporters/html-report.js';
import { repoRoot, writeInlineProject, type InlineProject } from '../support/inline-project.js';
import { serveFolder } from '../support/static-server.js';

// The report of a run with one passing and one failing
// scenario, its Allure report opened in headless Chromium (Debian's), offline.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const CONFIG = `
import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  workers: 1,
  reporter: [
    ['list'],
    ['allure-playwright', { resultsDir: 'allure-results' }],
    ['junit', { outputFile: 'junit.xml' }],
    ['roaming-harness/reporters/slo-summary', { outputDir: 'slo-summary' }],
  ],
  use: { roaming: { home: ['262-01'], visited: ['208-01'] } },
});
`;

const TESTS = `
import { test, expect } from 'roaming-harness';
import { attachScenarioReport } from 'roaming-harness/reporters';

const SCENARIOS = [
  ['IR24-LU-01', 'a German roamer attaches in France', 'p(95)<5000ms'],
  ['IR24-LU-02', 'attaches over a congested GRX link meet a 1 ms SLO', 'p(95)<1ms'],
  ['IR24-LU-03', 'an attach goes straight to REGISTERED', 'p(95)<5000ms'],
] as const;

for (const [id, title, slo] of SCENARIOS) {
  test(\`\${id}: \${title}\`, { tag: ['@attach'] }, async ({ world, chaos }) => {
    const startedAt = Date.now();
    const fault = await chaos.link('vlr:208-01 -> hlr:262-01').latency({ ms: 20 });
    const roamers = await world.subscribers.createMany({ count: 3 });
    const outcomes = [];
    try {
      for (const roamer of roamers) outcomes.push(await world.attach(roamer, { visited: '208-01' }));
      // A wrong expectation of the state path: the failure is a transition violation.
      if (id === 'IR24-LU-03') expect(outcomes[0]).toHaveTransitioned(['IDLE', 'REGISTERED']);
      expect(outcomes.map((o) => o.latencyMs), \`attach_latency \${slo}\`).toMeetSlo(slo);
    } finally {
      const active = chaos.active().map((f) => \`\${f.link}: \${f.description}\`).join('; ');
      await fault.remove();
      // What the spec runner does at the end of every scenario, pass or fail.
      await attachScenarioReport({
        title,
        metadata: {
          id, epic: 'International roaming', feature: 'Location update', story: 'Attach in a visited network',
          owner: 'roaming-qa', severity: 'critical', tags: ['attach'], file: 'tests/roaming.spec.ts',
        },
        parameters: { seed: '1', clock: 'real', 'HLR backend': 'mock', 'chaos backend': world.chaosBackend.kind, 'active faults': active },
        events: world.events.events,
        procedures: outcomes,
        latencies: [{ name: 'attach_latency', samplesMs: outcomes.map((o) => o.latencyMs), slo }],
        faults: [fault],
        reconciliation: { missing: [], duplicated: [], misRated: [] },
        identities: world.hasher,
        run: { startedAt, endedAt: Date.now() },
      });
    }
  });
}
`;

let project: InlineProject;
let multiFile: string;
let singleFile: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  project = writeInlineProject('reports-allure', { 'playwright.config.ts': CONFIG, 'tests/roaming.spec.ts': TESTS });
  mkdirSync(join(project.dir, 'node_modules'), { recursive: true });
  symlinkSync(repoRoot, join(project.dir, 'node_modules', 'roaming-harness'), 'dir');
  const env = { ROAM_PARTNER_TC_URL: 'https://tc.example.com/ir24/{id}' };
  // Two runs, a report after each: the second report has the first run in its history.
  for (const run of [1, 2]) {
    rmSync(join(project.dir, 'allure-results'), { recursive: true, force: true });
    const { code, output } = await project.run([], env);
    expect(code, output).toBe(1);
    expect(output, `run ${run}`).toContain('1 passed');
    expect(output, `run ${run}`).toContain('2 failed');
    multiFile = await buildHtmlReport({
      cwd: project.dir,
      reportName: 'roaming acceptance',
      environment: { 'HLR backend': 'mock', 'chaos backend': 'embedded' },
    });
  }
  singleFile = await buildHtmlReport({ cwd: project.dir, outputDir: 'allure-single', singleFile: true, appendHistory: false });
});

test.afterAll(() => project?.remove());

/** Records every request the page makes; anything not local is aborted and kept for the assertion. */
async function recordOutsideRequests(page: Page, local: (url: string) => boolean): Promise<string[]> {
  const outside: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (local(url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  return outside;
}

test('the report shows the scenarios, the failing ones with their steps, chart attachments and category (SLO breach, transition violation), offline', async ({
  page,
}) => {
  await using server = await serveFolder(dirname(multiFile));
  const outside = await recordOutsideRequests(page, (url) => url.startsWith(server.url));
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(server.url);
  await expect(page.getByText('IR24-LU-01: a German roamer attaches in France')).toBeVisible();
  await expect(page.getByText('IR24-LU-02: attaches over a congested GRX link meet a 1 ms SLO')).toBeVisible();

  await page.getByText('Categories', { exact: false }).first().click();
  await expect(page.getByText('SLO breach')).toBeVisible();
  await expect(page.getByText('Transition violation')).toBeVisible();

  await page.goto(server.url);
  await page.getByText('IR24-LU-02: attaches over a congested GRX link meet a 1 ms SLO').click();
  await expect(page.getByText('Category: SLO breach')).toBeVisible();
  await expect(page.getByText(/Measured: "\d+(\.\d+)?ms" over 3 samples/).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('allure-report-failure-category.png') });
  // Labels, parameters and the partner link from the helpers.
  await expect(page.getByText('International roaming')).toBeVisible();
  await expect(page.getByText('vlr:208-01 -> hlr:262-01: latency 20ms ±0ms forward')).toBeVisible();
  await expect(page.locator('a[href="https://tc.example.com/ir24/IR24-LU-02"]')).toHaveCount(1);
  // Steps: one per subscriber's attach, each with its signaling exchanges.
  await expect(page.getByText(/^attach sub_[0-9a-f]{16} in 208-01$/)).toHaveCount(3);
  await page
    .getByText(/^attach sub_[0-9a-f]{16} in 208-01$/)
    .first()
    .click();
  await expect(page.getByText('Attach Request').first()).toBeVisible();
  await expect(page.getByText('Authentication Response').first()).toBeVisible();
  // Charts are attachments the report draws as images.
  for (const name of [
    /^Message sequence chart: attach sub_[0-9a-f]{16} in 208-01$/,
    /^Latency attach_latency p\(95\)<1ms$/,
    /^Chaos timeline$/,
  ]) {
    await page.getByText(name).click();
  }
  const charts = page.locator('[data-testid="image-attachment-content"] img');
  await expect(charts).toHaveCount(3);
  for (const chart of await charts.all()) expect(await chart.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(300);
  await expect(page.getByText(/^Event log excerpt, JSON Lines \(\d+ of \d+ events\)$/)).toBeVisible();
  await expect(page.getByText('Billing reconciliation', { exact: true })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('allure-report-failing-scenario.png'), fullPage: true });
  // A wrong state path is sorted as a transition violation.
  await page.goto(server.url);
  await page.getByText('IR24-LU-03: an attach goes straight to REGISTERED').click();
  await expect(page.getByText('Category: Transition violation')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('allure-report-transition-category.png') });
  expect(outside).toEqual([]);
});

test('the passing scenario keeps its history between runs, and the environment shows the versions', async ({ page }) => {
  const history = readFileSync(join(project.dir, '.roam', 'allure-history.jsonl'), 'utf8')
    .trim()
    .split('\n');
  expect(history).toHaveLength(2);
  await using server = await serveFolder(dirname(multiFile));
  const outside = await recordOutsideRequests(page, (url) => url.startsWith(server.url));
  await page.goto(server.url);
  await expect(page.getByText('roaming-harness', { exact: true }).first()).toBeVisible();
  await page.getByText('Show more').first().click();
  await expect(page.getByText('HLR backend')).toBeVisible();
  await page.getByText('IR24-LU-01: a German roamer attaches in France').click();
  // The first run is this test's history in the second run's report.
  const historyTab = page.getByTestId('test-result-tab-history');
  await expect(historyTab.getByTestId('counter')).toHaveText('1');
  await historyTab.click();
  await expect(page.getByText('No history information available')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('allure-report-history.png'), fullPage: true });
  expect(outside).toEqual([]);
});

test('the single-file report opens from disk and loads nothing else', async ({ page }) => {
  expect(existsSync(join(dirname(singleFile), 'data'))).toBe(false);
  const html = readFileSync(singleFile, 'utf8');
  expect(html).not.toMatch(/googletagmanager|gtag\(/);
  const file = pathToFileURL(singleFile).href;
  const outside = await recordOutsideRequests(page, (url) => url === file || url.startsWith(`${file}#`));
  await page.goto(file);
  await page.getByText('IR24-LU-02: attaches over a congested GRX link meet a 1 ms SLO').click();
  await expect(page.getByText('Category: SLO breach')).toBeVisible();
  await page.getByText(/^Message sequence chart: /).click();
  await expect(page.locator('[data-testid="image-attachment-content"] img')).toHaveCount(1);
  expect(outside).toEqual([]);
});

test('JUnit XML and the SLO summary name the tests as the report does', () => {
  const junit = readFileSync(join(project.dir, 'junit.xml'), 'utf8');
  expect(junit).toContain('<testcase name="IR24-LU-01: a German roamer attaches in France"');
  expect(junit).toContain('<testcase name="IR24-LU-02: attaches over a congested GRX link meet a 1 ms SLO"');
  expect(junit).toContain('<testcase name="IR24-LU-03: an attach goes straight to REGISTERED"');
  const summary = JSON.parse(readFileSync(join(project.dir, 'slo-summary', 'slo-summary.json'), 'utf8'));
  expect(summary.rows.map((r: { test: string; pass: boolean }) => [r.test, r.pass])).toEqual([
    ['IR24-LU-01: a German roamer attaches in France', true],
    ['IR24-LU-02: attaches over a congested GRX link meet a 1 ms SLO', false],
  ]);
});

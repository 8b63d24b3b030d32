import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEvidence } from '../../reporters/evidence/build-evidence.js';
import { EVIDENCE_KEY_ENV } from '../../reporters/evidence/signature.js';
import { verifyEvidence } from '../../reporters/evidence/verify-evidence.js';
import { buildHtmlReport } from '../../reporters/html-report.js';
import { DEMO_SCENARIOS, demoSubscribers, RUN_DATA } from '../demo/demo-run.js';
import { packageRoot } from '../package-root.js';
import { runPlaywright } from '../playwright-runner.js';
import { describeVerification } from './evidence.js';

/** What `roam demo` wrote, relative to its output folder. */
export const DEMO_OUTPUTS = {
  allureResults: 'allure-results',
  junit: 'junit.xml',
  sloSummary: 'slo-summary',
  runData: 'run-data',
  report: 'allure-report',
  singleFileReport: 'allure-report-single',
  evidence: join('evidence', 'roaming-demo'),
  artifacts: join('test-results', 'demo'),
} as const;

/**
 * `roam demo [--output <dir>]`: runs the demo (the shipped scenario library,
 * a roaming day's billing reconciliation and a chaos drill) with the list,
 * JUnit, Allure and SLO summary reporters; builds the Allure report
 * (multi-file and single-file, offline); bundles the certification evidence
 * (signed when `ROAM_EVIDENCE_KEY` is set) and verifies it; then prints
 * where everything is. Exits with Playwright's code, or 1 if the evidence
 * does not verify.
 */
export async function demoCommand(options: { output?: string }): Promise<number> {
  const output = resolve(options.output ?? '.');
  mkdirSync(output, { recursive: true });
  for (const path of [
    DEMO_OUTPUTS.allureResults,
    DEMO_OUTPUTS.junit,
    DEMO_OUTPUTS.sloSummary,
    DEMO_OUTPUTS.runData,
    DEMO_OUTPUTS.artifacts,
    DEMO_OUTPUTS.singleFileReport,
  ]) {
    rmSync(join(output, path), { recursive: true, force: true });
  }
  const startedAt = new Date();
  const config = demoConfig();
  console.log(`[roam] Running the demo (${config})`);
  const code = await runPlaywright(['--config', config], { cwd: output, env: { ROAM_DEMO_OUTPUT: output } });
  const endedAt = new Date();

  const environment = {
    'HLR backend': process.env['ROAM_HLR'] ?? 'mock',
    'chaos backend': process.env['ROAM_CHAOS_BACKEND'] ?? 'embedded',
  };
  const index = await buildHtmlReport({ cwd: output, reportName: 'roaming-harness demo', environment });
  const single = await buildHtmlReport({
    cwd: output,
    outputDir: DEMO_OUTPUTS.singleFileReport,
    reportName: 'roaming-harness demo',
    singleFile: true,
    appendHistory: false,
    environment,
  });

  const present = (paths: readonly string[]) => paths.map((p) => join(output, p)).filter((p) => existsSync(p));
  // A run-data folder's files go straight into their section of the bundle.
  const filesOf = (folder: string) =>
    existsSync(join(output, folder)) ? readdirSync(join(output, folder)).map((name) => join(output, folder, name)) : [];
  const evidence = await buildEvidence({
    cwd: output,
    outputDir: DEMO_OUTPUTS.evidence,
    replace: true,
    sources: {
      specs: [join(packageRoot(), 'specs', 'library'), ...demoSources()],
      results: present([DEMO_OUTPUTS.allureResults, DEMO_OUTPUTS.junit]),
      events: filesOf(RUN_DATA.events),
      cdrs: [...filesOf(RUN_DATA.cdrs), ...filesOf(RUN_DATA.tap)],
      usage: filesOf(RUN_DATA.usage),
      reconciliation: filesOf(RUN_DATA.reconciliation),
      slo: filesOf(DEMO_OUTPUTS.sloSummary),
      report: [single],
    },
    run: {
      command: 'roam demo',
      startedAt: startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      playwrightExitCode: code,
      seeds: {
        'specs/library': 'per spec (subscribers.*.seed)',
        ...Object.fromEntries(Object.entries(DEMO_SCENARIOS).map(([k, v]) => [k, v.seed])),
      },
      clock: { billing: 'virtual', drill: 'real', 'specs/library': 'real' },
      ...environment,
    },
    versions: environment,
    // Checked in memory only: the bundle is refused if any of these is in it.
    secrets: demoSecrets(),
  });
  const archive = evidence.archive ?? evidence.dir;
  const verification = await verifyEvidence(archive);
  process.stdout.write(describeVerification(archive, verification));

  const at = (path: string) => join(output, path);
  console.log(
    [
      '',
      '[roam] Demo outputs:',
      `  Allure report:             ${index}`,
      `  Allure report, one file:   ${single}`,
      `  Allure results:            ${at(DEMO_OUTPUTS.allureResults)}`,
      `  JUnit XML:                 ${at(DEMO_OUTPUTS.junit)}`,
      `  SLO summary:               ${at(join(DEMO_OUTPUTS.sloSummary, 'slo-summary.md'))} (and slo-summary.json)`,
      `  Event logs, CDRs, usage:   ${at(DEMO_OUTPUTS.runData)}`,
      `  Evidence bundle:           ${evidence.dir} (${evidence.manifest.files.length} files, ${evidence.signed ? 'signed' : `unsigned: set ${EVIDENCE_KEY_ENV} to sign`})`,
      ...(evidence.archive ? [`  Evidence archive:          ${evidence.archive}`] : []),
      `  Test artifacts:            ${at(DEMO_OUTPUTS.artifacts)}`,
      `  Verify again with:         roam evidence verify ${archive}`,
      '',
    ].join('\n'),
  );
  // Kept on its own line, in this form, for scripts that look for the report.
  console.log(`[roam] Allure report: ${index}`);
  if (!verification.ok) return 1;
  return code;
}

/** The demo's Playwright config, beside this module: `.ts` from source (tsx), `.js` from the package. */
function demoConfig(): string {
  const self = fileURLToPath(import.meta.url);
  const ext = self.endsWith('.ts') ? 'ts' : 'js';
  return join(dirname(self), '..', 'demo', `playwright.config.${ext}`);
}

/** The demo's own scenarios as run (their sources when there are any beside the built files). */
function demoSources(): string[] {
  const root = packageRoot();
  return ['chaos-drill.demo', 'roaming-billing.demo', 'scenario-library.demo', 'demo-run', 'demo-tap']
    .map((name) => [join(root, 'cli', 'demo', `${name}.ts`), join(root, 'dist', 'cli', 'demo', `${name}.js`)].find(existsSync))
    .filter((p): p is string => p !== undefined);
}

function demoSecrets(): Record<string, string> {
  const secrets: Record<string, string> = {};
  demoSubscribers().forEach((s, i) => {
    const { k, opc } = s.credentials.reveal();
    secrets[`K of demo subscriber ${i + 1}`] = k;
    secrets[`OPc of demo subscriber ${i + 1}`] = opc;
  });
  return secrets;
}

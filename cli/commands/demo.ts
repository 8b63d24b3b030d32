import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { buildEvidence } from '../../reporters/evidence/build-evidence.js';
import {
  generateEvidenceKeyPair,
  publicKeyOf,
  publicKeyPem,
  signingKeyFromEnv,
  signingKeyFromPem,
  type EvidenceSigningKey,
} from '../../reporters/evidence/signing-keys.js';
import { verifyEvidence } from '../../reporters/evidence/verify-evidence.js';
import { buildHtmlReport } from '../../reporters/html-report.js';
import { DEMO_SCENARIOS, demoSubscribers, RUN_DATA } from '../demo/demo-run.js';
import { packageModule, packageRoot } from '../../peers/package-files.js';
import { runPlaywright } from '../playwright-runner.js';
import { describeVerification } from './evidence.js';
import { parseCommandArgs, type CliCommand } from '../command.js';

/**
 * Where `roam demo` writes by default, relative to the current folder: one
 * folder for everything, which the repository's .gitignore lists, so a demo
 * run in a clone leaves `git status` clean.
 */
export const DEMO_DEFAULT_OUTPUT = 'roam-demo';

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
 * (multi-file and single-file, offline); bundles the certification evidence,
 * signed with the private key at `$ROAM_EVIDENCE_KEY` or else with a one-off
 * key held only in memory, writes the public key beside it and verifies the
 * bundle with that public key alone; then prints where everything is. Exits with Playwright's code, or 1 if the evidence
 * does not verify.
 */
export async function demoCommand(options: { output?: string }): Promise<number> {
  const output = resolve(options.output ?? DEMO_DEFAULT_OUTPUT);
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
  const signer = demoSigner();
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
    implementation: {
      hlr: environment['HLR backend'] === 'osmo-hlr' ? 'osmo-hlr' : 'built-in HLR (mock)',
      'vlr/mme': 'built-in VLR/MME (mock)',
      billing: 'built-in OCS and CDR collector (mock)',
    },
    versions: environment,
    signers: [signer],
    // Checked in memory only: the bundle is refused if any of these is in it.
    secrets: demoSecrets(),
  });
  const archive = evidence.archive ?? evidence.dir;
  // What a partner holds: the public key alone, beside the bundle.
  const publicKeyPath = `${evidence.dir}.pub`;
  const trusted = publicKeyOf(signer, basename(publicKeyPath));
  writeFileSync(publicKeyPath, publicKeyPem(trusted));
  const verification = await verifyEvidence(archive, { keys: [trusted] });
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
      `  Evidence bundle:           ${evidence.dir} (${evidence.manifest.files.length} files, signed by ${signer.label}, keyid ${signer.keyid})`,
      ...(evidence.archive ? [`  Evidence archive:          ${evidence.archive}`] : []),
      `  Evidence public key:       ${publicKeyPath}`,
      `  Test artifacts:            ${at(DEMO_OUTPUTS.artifacts)}`,
      `  Verify again with:         roam evidence verify ${archive} --key ${publicKeyPath}`,
      '',
    ].join('\n'),
  );
  // Kept on its own line, in this form, for scripts that look for the report.
  console.log(`[roam] Allure report: ${index}`);
  if (!verification.ok) return 1;
  return code;
}

/** The demo's Playwright config: `.ts` from source (tsx), `.js` from the package. */
function demoConfig(): string {
  return packageModule('cli/demo/playwright.config').file;
}

/** The demo's own scenarios as run (their sources when there are any beside the built files). */
function demoSources(): string[] {
  const root = packageRoot();
  return ['chaos-drill.demo', 'roaming-billing.demo', 'scenario-library.demo', 'demo-run', 'demo-tap']
    .map((name) => [join(root, 'cli', 'demo', `${name}.ts`), join(root, 'dist', 'cli', 'demo', `${name}.js`)].find(existsSync))
    .filter((p): p is string => p !== undefined);
}

/** The private key at `$ROAM_EVIDENCE_KEY`, or a one-off key that lives only in this process. */
function demoSigner(): EvidenceSigningKey {
  return signingKeyFromEnv() ?? signingKeyFromPem(generateEvidenceKeyPair('ed25519').privateKeyPem, 'a one-off demo key (never written)');
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

const DEMO_USAGE = `roam demo: run the shipped scenario library and build the Allure report

Usage:
  roam demo [--output <dir>]

  --output <dir>   the folder for everything the demo writes: allure-results,
                   allure-report(-single), junit.xml, slo-summary, run-data,
                   evidence, test-results and the report history (default ${DEMO_DEFAULT_OUTPUT})
`;

/** `roam demo`. */
export const demoCliCommand: CliCommand = {
  name: 'demo',
  usage: DEMO_USAGE,
  async run(args) {
    const { values } = parseCommandArgs('demo', args, { output: { type: 'string' } });
    if (values.help) {
      process.stdout.write(DEMO_USAGE);
      return 0;
    }
    return demoCommand(values.output ? { output: values.output } : {});
  },
};

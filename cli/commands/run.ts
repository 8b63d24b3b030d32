import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { escapePath, globSync } from 'tinyglobby';
import { CliError, UsageError, type CliCommand } from '../command.js';
import { runPlaywright } from '../playwright-runner.js';
import { parseSegment, SEGMENT_ENV, InvalidSegmentError } from '../../specs/segment.js';
import { sweepStaleChildren } from '../../peers/process-lifetime/child-guardian.js';
import { formatSpecProblems, validateSpecFiles } from '../../specs/validate-files.js';
import { terminalWidth } from '../../core/text-wrap.js';
import { packageModule } from '../../peers/package-files.js';
import { escapeRegExp } from '../../core/escape-regexp.js';

/** The spec files `roam run` looks for when given none. */
export const DEFAULT_SPEC_GLOB = '**/*.roam.yaml';
const IGNORED = ['**/node_modules/**', '**/dist/**', '**/.git/**'];
const CONFIG_NAMES = [
  'playwright.config.ts',
  'playwright.config.js',
  'playwright.config.mts',
  'playwright.config.mjs',
  'playwright.config.cts',
  'playwright.config.cjs',
];

/** Playwright options that take a value, so `roam run` does not mistake the value for a spec glob. */
const PLAYWRIGHT_VALUE_FLAGS = new Set([
  '-g',
  '--grep',
  '--grep-invert',
  '--project',
  '--shard',
  '-j',
  '--workers',
  '--retries',
  '--reporter',
  '--repeat-each',
  '--max-failures',
  '--timeout',
  '--global-timeout',
  '--output',
  '--trace',
  '--tsconfig',
  '--update-snapshots',
  '--update-source-method',
]);

const USAGE = `roam run: run YAML roaming specs (or your Playwright project) through Playwright

Usage:
  roam run [<spec file or glob>...] [--config <playwright config>] [--segment <i/n>] [Playwright options] [-- <more>]

  <spec file or glob>   spec files to run (default: ${DEFAULT_SPEC_GLOB}, outside node_modules);
                        with spec files, or when the folder has no playwright.config.*, roam writes
                        a temporary Playwright config and a test file calling specs(<globs>) from
                        roaming-harness (in ./.roam-run-*/, removed when the run ends): results go
                        to ./test-results/roam, ./allure-results and ./slo-summary, replacing the
                        last run's (--list writes none)
  --config <file>       run this Playwright config (your own project) instead
  --segment <i/n>       run segment i of n of every scenario: the i-th slice of each subscriber
                        group (of each home partner) and 1/n of each load; combine with --shard
                        to split the scenarios too, and put the results together with roam merge
  Playwright options    passed through unchanged, e.g.
                          --grep @smoke   --grep-invert @slow   --timeout 60000
                          --shard 1/4     --workers 2           --retries 1
                          --reporter list --repeat-each 3       --list
                        (--project <name> with --config or your own playwright.config.*)

With a playwright.config.* in the folder and no spec files given, "roam run" is
"playwright test" with that config and your options. Every spec file is
checked before anything runs: invalid ones stop the run with exit code 2,
listing file:line:col as "roam validate" does. Otherwise the exit code is
Playwright's.
`;

/** `roam run`: YAML specs through Playwright, filters passed through. */
export const runCommand: CliCommand = {
  name: 'run',
  usage: USAGE,
  async run(args) {
    const parsed = splitRunArgs(args);
    if (parsed.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const cwd = process.cwd();
    let env: NodeJS.ProcessEnv | undefined;
    if (parsed.segment !== undefined) {
      try {
        env = { [SEGMENT_ENV]: parseSegment(parsed.segment).toString() };
      } catch (error) {
        if (error instanceof InvalidSegmentError)
          throw new UsageError('run', `--segment ${parsed.segment}: ${error.reason} (give i/n, e.g. 2/4)`);
        throw error;
      }
      process.stderr.write(`[roam] Running segment ${env[SEGMENT_ENV]} of each scenario\n`);
    }
    const options = { cwd, ...(env ? { env } : {}) };
    // What an earlier run killed outright (kill -9) may have left: its Playwright processes and temp folders.
    sweepStaleChildren();
    if (parsed.config) {
      if (!existsSync(parsed.config)) throw new UsageError('run', `--config ${parsed.config} does not exist`);
      if (parsed.specs.length) throw new UsageError('run', 'give spec files or --config, not both: a config chooses its own tests');
      return runPlaywright(['--config', resolve(parsed.config), ...parsed.playwright], options);
    }
    const ownConfig = CONFIG_NAMES.find((name) => existsSync(join(cwd, name)));
    if (ownConfig && parsed.specs.length === 0) {
      process.stderr.write(`[roam] Running your Playwright project (${ownConfig})\n`);
      return runPlaywright(parsed.playwright, options);
    }
    const globs = parsed.specs.length ? parsed.specs : [DEFAULT_SPEC_GLOB];
    const files = globSync(globs, { cwd, ignore: IGNORED });
    if (files.length === 0) {
      throw new CliError(
        'run roam run',
        `no spec file matches ${globs.map((g) => JSON.stringify(g)).join(', ')} in ${cwd}`,
        'Write one (e.g. specs/attach.roam.yaml) or give the right path',
        2,
      );
    }
    // Checked here, as "roam validate" does: an invalid spec stops the run before Playwright starts.
    const { problems } = await validateSpecFiles(files.map(escapePath), cwd);
    if (problems.length) {
      process.stderr.write(`${formatSpecProblems(problems, { width: terminalWidth(process.stderr) })}\n`);
      process.stderr.write('[roam] Nothing was run: fix the spec files above (roam validate checks them alone).\n');
      return 2;
    }
    const listing = parsed.playwright.includes('--list');
    process.stderr.write(
      `[roam] ${listing ? 'Listing' : 'Running'} ${files.length} spec file${files.length === 1 ? '' : 's'} (${globs.join(', ')})\n`,
    );
    const project = writeGeneratedProject(cwd, globs, { listing });
    try {
      return await runPlaywright(['--config', project.config, ...parsed.playwright], {
        ...options,
        temporaryDirectories: project.directories,
      });
    } finally {
      project.remove();
    }
  },
};

/** `roam run`'s arguments: its own (`--config`, `--help`), spec globs, and what goes to Playwright. */
export function splitRunArgs(args: readonly string[]): {
  specs: string[];
  playwright: string[];
  config?: string;
  segment?: string;
  help: boolean;
} {
  const specs: string[] = [];
  const playwright: string[] = [];
  let config: string | undefined;
  let segment: string | undefined;
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      playwright.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--config' || arg === '-c') {
      config = args[++i];
      if (config === undefined) throw new UsageError('run', `${arg} needs a file`);
    } else if (arg.startsWith('--config=')) config = arg.slice('--config='.length);
    else if (arg === '--segment') {
      segment = args[++i];
      if (segment === undefined) throw new UsageError('run', `${arg} needs i/n, e.g. --segment 1/2`);
    } else if (arg.startsWith('--segment=')) segment = arg.slice('--segment='.length);
    else if (arg.startsWith('-')) {
      playwright.push(arg);
      if (PLAYWRIGHT_VALUE_FLAGS.has(arg)) {
        const value = args[++i];
        if (value === undefined) throw new UsageError('run', `${arg} needs a value`);
        playwright.push(value);
      }
    } else specs.push(arg);
  }
  return { specs, playwright, ...(config !== undefined ? { config } : {}), ...(segment !== undefined ? { segment } : {}), help };
}

/**
 * A temporary Playwright project whose one test file calls `specs(globs, { cwd })`.
 * A run replaces the results of the last one; a listing (`--list`) writes none.
 */
function writeGeneratedProject(
  cwd: string,
  globs: readonly string[],
  { listing }: { listing: boolean },
): { directories: string[]; config: string; remove(): void } {
  // The test file sits in the folder roam runs in, so that folder can be the project's testDir: reporters see the
  // spec files' paths relative to it (Allure's package label and history ids), the same on every machine.
  const testDir = mkdtempSync(join(cwd, '.roam-run-'));
  const dir = mkdtempSync(join(tmpdir(), 'roam-run-'));
  const testFile = join(testDir, 'roaming.spec.mjs');
  // The package this CLI belongs to, by file URL, so it resolves wherever the specs are.
  const entry = pathToFileURL(packageModule('specs/index').file).href;
  writeFileSync(
    testFile,
    `// Written by "roam run"; removed when the run ends.\nimport { specs } from ${JSON.stringify(entry)};\nspecs(${JSON.stringify(globs)}, { cwd: ${JSON.stringify(cwd)} });\n`,
  );
  const config = join(dir, 'playwright.config.mjs');
  // Reporters by path: the temporary folder has no node_modules to find them by name.
  const allure = createRequire(import.meta.url).resolve('allure-playwright');
  // The SLO summary (with its samples), so shards and segments of a run can be merged (roam merge).
  const sloSummary = packageModule('reporters/slo-summary-reporter').file;
  // First, so that an interrupted test has its message before Allure and the others read it.
  const interrupted = packageModule('cli/interrupted-reporter').file;
  const allureResults = join(cwd, 'allure-results');
  // Allure adds to its folder; the report of this run must not count the last run's results too.
  if (!listing) rmSync(allureResults, { recursive: true, force: true });
  const reporters = `[
    [${JSON.stringify(interrupted)}],
    ['list'],
    // No suite from the test file, which is this temporary one: each spec file is the suite its scenarios sit in.
    [${JSON.stringify(allure)}, { resultsDir: ${JSON.stringify(allureResults)}, detail: true, suiteTitle: false }],
    [${JSON.stringify(sloSummary)}, { outputDir: ${JSON.stringify(join(cwd, 'slo-summary'))}, print: false, jobSummary: false, filesRelativeTo: ${JSON.stringify(cwd)} }],
  ]`;
  writeFileSync(
    config,
    `// Written by "roam run"; removed when the run ends.
export default {
  // Reports show paths relative to the specs' folder; of its files, this run's test file is the only test.
  testDir: ${JSON.stringify(cwd)},
  projects: [{ testDir: ${JSON.stringify(cwd)}, testMatch: new RegExp(${JSON.stringify(`^${escapeRegExp(testFile)}$`)}) }],
  outputDir: ${JSON.stringify(join(cwd, 'test-results', 'roam'))},
  timeout: 120000,
  reporter: ${listing ? `[['list']]` : reporters},
};
`,
  );
  const directories = [testDir, dir];
  return { directories, config, remove: () => directories.forEach((d) => rmSync(d, { recursive: true, force: true })) };
}

import { test, expect } from '@playwright/test';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { repoRoot, runNode } from '../support/inline-project.js';

// Each example under examples/ is a small real project. It is copied under .inline/ (inside
// the repo, so @playwright/test resolves to the repo's own), given node_modules/roaming-harness
// as a symlink to this package (what `npm install` makes of its "file:../.." dependency),
// and run as its README says.
test.describe.configure({ mode: 'parallel', timeout: 180_000 });

const CLI = join(repoRoot, 'dist', 'cli', 'main.js');
const PLAYWRIGHT = join(dirname(createRequire(import.meta.url).resolve('@playwright/test/package.json')), 'cli.js');

function exampleProject(name: string): { dir: string; remove(): void } {
  const dir = join(repoRoot, '.inline', `example-${name}-${process.pid}-${Date.now()}`);
  cpSync(join(repoRoot, 'examples', name), dir, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|test-results|allure-results|evidence)([\\/]|$)/.test(src.slice(repoRoot.length)),
  });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(repoRoot, join(dir, 'node_modules', 'roaming-harness'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs an npm script of the example the way npm would, without npm: `a && b` in
 * order, `playwright` and `roam` resolved to this repo's, `npm run x` recursively.
 * So the scripts the README tells users to run are the ones tested.
 */
async function npmScript(dir: string, name: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  const scripts = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const script = scripts[name];
  if (!script) throw new Error(`no script ${name} in ${dir}/package.json`);
  let output = '';
  for (const command of script.split('&&').map((c) => c.trim().split(/\s+/))) {
    const [bin, ...args] = command;
    const result =
      bin === 'npm' && args[0] === 'run'
        ? await npmScript(dir, args[1]!, env)
        : bin === 'playwright'
          ? await runNode([PLAYWRIGHT, ...args], dir, env)
          : bin === 'roam'
            ? await runNode([CLI, ...args], dir, env)
            : { code: 127, output: `unknown program ${bin} in script ${name}` };
    output += result.output;
    if (result.code !== 0) return { code: result.code, output };
  }
  return { code: 0, output };
}

test('examples/existing-suite: its own tests (MSW-backed) and the roaming checks pass together', async () => {
  const project = exampleProject('existing-suite');
  try {
    const { code, output } = await runNode([PLAYWRIGHT, 'test'], project.dir);
    expect(code, output).toBe(0);
    expect(output).toContain('5 passed');
    const report = JSON.parse(readFileSync(join(project.dir, 'test-results', 'results.json'), 'utf8')) as { suites: { title: string }[] };
    const files = report.suites.map((s) => s.title).sort();
    expect(files).toEqual(['roaming.spec.ts', 'status.spec.ts']);
    expect(output).not.toMatch(/unhandled request/i);
  } finally {
    project.remove();
  }
});

test('examples/chaos-drill: an inter-PLMN partition and a billing outage recover within budget', async () => {
  const project = exampleProject('chaos-drill');
  try {
    const { code, output } = await runNode([PLAYWRIGHT, 'test'], project.dir);
    expect(code, output).toBe(0);
    expect(output).toContain('2 passed');
    expect(output).toMatch(/drill "Inter-PLMN partition vlr:208-01 -> hlr:262-01": passed/);
    expect(output).toMatch(/drill "Billing outage vlr:208-01 -> billing:262-01": passed/);
  } finally {
    project.remove();
  }
});

test('examples/partner-certification: npm run certify runs the IR.24 plan and produces a signed bundle that verifies', async () => {
  const project = exampleProject('partner-certification');
  const env = { ROAM_EVIDENCE_KEY: '' };
  try {
    const keygen = await npmScript(project.dir, 'evidence:keygen', env);
    expect(keygen.code, keygen.output).toBe(0);
    const certify = await npmScript(project.dir, 'certify', env);
    expect(certify.code, certify.output).toBe(0);
    expect(certify.output).toContain('5 passed');
    for (const id of ['IR24-LU-01', 'IR24-LU-02', 'IR24-LU-03', 'IR24-SMS-01']) expect(certify.output).toContain(`${id}: `);
    expect(certify.output).toMatch(/\[roam\] Evidence bundle: .*ir24-208-01 \(\d+ files, test result PASSED; signed by home-262-01\.key/);
    expect(certify.output).toMatch(
      /\[roam\] Evidence verified: evidence\/ir24-208-01\.tar\.gz: all \d+ files match the signed statement; signed by home-262-01\.pub/,
    );
    const statement = JSON.parse(readFileSync(join(project.dir, 'evidence', 'ir24-208-01', 'statement.json'), 'utf8')) as {
      subject: { name: string }[];
      predicate: { passedTests: string[]; configuration: { name: string; annotations?: { partners?: unknown } }[] };
    };
    const paths = statement.subject.map((s) => s.name);
    expect(paths.some((p) => p.endsWith('partner-plan.yaml'))).toBe(true);
    expect(paths.some((p) => p.endsWith('ir24-sms-01.roam.yaml'))).toBe(true);
    expect(paths.some((p) => p.endsWith('results.json'))).toBe(true);
    // The IR.24 case ids lead the test names the statement certifies.
    for (const id of ['IR24-LU-01', 'IR24-LU-02', 'IR24-LU-03', 'IR24-SMS-01']) {
      expect(
        statement.predicate.passedTests.some((t) => t.startsWith(`${id}: `)),
        id,
      ).toBe(true);
    }
    expect(statement.predicate.configuration.find((c) => c.name === 'run.json')?.annotations?.partners).toEqual({
      home: ['DEUEX'],
      visited: ['FRAEX'],
    });

    // The partner's check fails on a changed file, naming it.
    const planInBundle = paths.find((p) => p.endsWith('partner-plan.yaml'))!;
    writeFileSync(join(project.dir, 'evidence', 'ir24-208-01', planInBundle), 'cases: []\n');
    const tampered = await runNode([CLI, 'evidence', 'verify', 'evidence/ir24-208-01', '--key', 'keys/home-262-01.pub'], project.dir, env);
    expect(tampered.code).toBe(1);
    expect(tampered.output).toContain(`changed: ${planInBundle}`);
    expect(existsSync(join(project.dir, 'evidence', 'ir24-208-01.tar.gz'))).toBe(true);
  } finally {
    project.remove();
  }
});

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<
    string,
    {
      needs?: string | string[];
      strategy?: { matrix: { shard: number[] } };
      steps: { run?: string; uses?: string; with?: Record<string, unknown> }[];
    }
  >;
}

test('examples/ci: the workflow parses and uses real scripts and commands; its steps run locally: shards, merge, SLO summary, Allure', async () => {
  const project = exampleProject('ci');
  try {
    const workflow = parseYaml(readFileSync(join(project.dir, '.github', 'workflows', 'roaming.yml'), 'utf8')) as Workflow;
    expect(Object.keys(workflow.jobs)).toEqual(['test', 'report', 'publish']);
    expect(workflow.jobs['report']!.needs).toBe('test');
    expect(workflow.jobs['publish']!.needs).toBe('report');
    expect(workflow.jobs['test']!.strategy!.matrix.shard).toEqual([1, 2, 3, 4]);
    const scripts = (JSON.parse(readFileSync(join(project.dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.run ? [step.run] : [])));
    expect(runs).toContain('npx playwright test --shard ${{ matrix.shard }}/${{ strategy.job-total }}');
    expect(runs).toContain('cat slo-summary/slo-summary.md >> "$GITHUB_STEP_SUMMARY"');
    const direct = [
      'npm ci',
      'npx playwright test --shard ${{ matrix.shard }}/${{ strategy.job-total }}',
      'cat slo-summary/slo-summary.md >> "$GITHUB_STEP_SUMMARY"',
    ];
    for (const run of runs) {
      const [bin, sub, arg] = run.split(/\s+/);
      if (bin === 'npm' && sub === 'run') expect(Object.keys(scripts), run).toContain(arg);
      else expect(direct, run).toContain(run);
    }
    // Every roam command the scripts use exists (its --help exits 0).
    for (const script of Object.values(scripts).filter((s) => s.startsWith('roam '))) {
      const help = await runNode([CLI, script.split(/\s+/)[1]!, '--help'], project.dir);
      expect(help.code, script).toBe(0);
    }
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.uses ? [step.uses] : [])));
    for (const action of [
      'actions/upload-artifact@v4',
      'actions/download-artifact@v4',
      'actions/upload-pages-artifact@v3',
      'actions/deploy-pages@v4',
    ])
      expect(uses).toContain(action);

    // The workflow's steps, locally: two shards with CI set, merge, SLO summary, Allure report.
    expect((await npmScript(project.dir, 'validate')).code).toBe(0);
    const blobs = join(project.dir, 'all-blob-reports');
    mkdirSync(blobs);
    for (const shard of ['1/2', '2/2']) {
      const run = await runNode([PLAYWRIGHT, 'test', '--shard', shard], project.dir, { CI: '1' });
      expect(run.code, run.output).toBe(0);
      for (const file of readdirSync(join(project.dir, 'blob-report')))
        renameSync(join(project.dir, 'blob-report', file), join(blobs, file));
    }
    expect(readdirSync(blobs)).toHaveLength(2);
    const merged = await npmScript(project.dir, 'merge');
    expect(merged.code, merged.output).toBe(0);
    const summary = readFileSync(join(project.dir, 'slo-summary', 'slo-summary.md'), 'utf8');
    expect(summary).toContain('p(95)<2000ms');
    expect(summary).toContain('IR24-LU-04');
    expect(existsSync(join(project.dir, 'playwright-report', 'index.html'))).toBe(true);
    const report = await npmScript(project.dir, 'report');
    expect(report.code, report.output).toBe(0);
    expect(existsSync(join(project.dir, 'allure-report', 'index.html'))).toBe(true);
  } finally {
    project.remove();
  }
});

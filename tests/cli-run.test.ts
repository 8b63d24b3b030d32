import { test, expect } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './support/inline-project.js';
import { runRoam } from './support/roam-cli.js';

// `roam run` in a folder that has spec files and no Playwright project: roam writes a temporary one.

function roam(args: string[], cwd: string) {
  return runRoam(args, { cwd, env: { CI: '', FORCE_COLOR: '0', NO_COLOR: '1' } });
}

const spec = (id: string, tags: string, visited: string) => `scenario: A German roamer attaches in ${visited}
id: ${id}
tags: [${tags}]
world:
  home: { plmn: 262-01 }
  visited:
    - plmn: ${visited}
subscribers:
  travellers: { count: 1, home: 262-01 }
steps:
  - attach: { who: travellers, visited: ${visited} }
expect:
  transitions:
    attach: [IDLE, AUTHENTICATING, UPDATING_LOCATION, REGISTERED]
`;

test('roam run runs YAML specs through Playwright, passing --grep through; a glob matching nothing is one line', async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'roam-run-'));
  try {
    mkdirSync(join(dir, 'specs'));
    writeFileSync(join(dir, 'specs', 'france.roam.yaml'), spec('IR24-LU-01', 'attach, smoke', '208-01'));
    writeFileSync(join(dir, 'specs', 'spain.roam.yaml'), spec('IR24-LU-02', 'attach', '214-01'));
    // A temporary folder of this run's own, so other runs' temporary projects cannot be mistaken for its leftovers.
    const ownTmp = join(dir, 'tmp');
    mkdirSync(ownTmp);
    const run = await runRoam(['run', '--grep', '@smoke', '--reporter', 'list'], {
      cwd: dir,
      env: { CI: '', FORCE_COLOR: '0', NO_COLOR: '1', TMPDIR: ownTmp },
    });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('[roam] Running 2 spec files (**/*.roam.yaml)');
    expect(run.output).toContain('IR24-LU-01: A German roamer attaches in 208-01');
    expect(run.output).not.toContain('IR24-LU-02');
    expect(run.output).toMatch(/1 passed/);
    // The temporary project is gone; the results are in the user's folder.
    expect(readdirSync(ownTmp).filter((f) => f.startsWith('roam-run-') && existsSync(join(ownTmp, f, 'roaming.spec.mjs')))).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.startsWith('.roam-run-'))).toEqual([]);

    const none = await roam(['run', 'nowhere/*.roam.yaml'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /^\[roam\] Failed to run roam run: no spec file matches "nowhere\/\*\.roam\.yaml" in .*\. Write one \(e\.g\. specs\/attach\.roam\.yaml\) or give the right path\.\n$/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("roam run stops on an invalid spec before Playwright starts; --list writes no results; a run replaces the last one's", async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'roam-run-'));
  try {
    mkdirSync(join(dir, 'specs'));
    writeFileSync(join(dir, 'specs', 'france.roam.yaml'), spec('IR24-LU-01', 'attach', '208-01'));
    writeFileSync(join(dir, 'specs', 'broken.roam.yaml'), spec('IR24-LU-03', 'attach', '214-01').replace('count: 1', 'count: lots'));
    const invalid = await roam(['run'], dir);
    expect(invalid.code, invalid.output).toBe(2);
    expect(invalid.stderr).toMatch(/specs\/broken\.roam\.yaml[\s\S]*:\d+:\d+/);
    expect(invalid.stderr).toContain('subscribers.travellers.count');
    expect(invalid.stderr).toContain('[roam] Nothing was run: fix the spec files above');
    expect(invalid.output).not.toMatch(/^\s+at /m);
    expect(invalid.output).not.toContain('No tests found');
    expect(existsSync(join(dir, 'allure-results'))).toBe(false);

    rmSync(join(dir, 'specs', 'broken.roam.yaml'));
    const listed = await roam(['run', '--list'], dir);
    expect(listed.code, listed.output).toBe(0);
    expect(listed.stderr).toContain('[roam] Listing 1 spec file');
    // Each test is located at its YAML document, relative to the folder roam ran in: not in the harness's sources.
    expect(listed.output).toContain('specs/france.roam.yaml:1:1 › specs/france.roam.yaml › IR24-LU-01: A German roamer attaches in 208-01');
    expect(listed.output).not.toContain('specs.ts');
    expect(existsSync(join(dir, 'allure-results'))).toBe(false);
    expect(existsSync(join(dir, 'slo-summary'))).toBe(false);

    const results = () => readdirSync(join(dir, 'allure-results')).filter((f) => f.endsWith('-result.json'));
    expect((await roam(['run'], dir)).code).toBe(0);
    expect(results()).toHaveLength(1);
    expect((await roam(['run'], dir)).code).toBe(0);
    expect(results()).toHaveLength(1);
    // In Allure, the spec file is the suite its scenarios sit in; roam's temporary test file is not shown.
    const result = JSON.parse(readFileSync(join(dir, 'allure-results', results()[0]!), 'utf8')) as {
      fullName: string;
      labels: { name: string; value: string }[];
    };
    expect(result.labels.filter((l) => /suite$/i.test(l.name))).toEqual([{ name: 'subSuite', value: 'specs/france.roam.yaml' }]);
    expect(result.fullName).toBe('specs/france.roam.yaml › specs/france.roam.yaml › IR24-LU-01: A German roamer attaches in 208-01');
    // The package is the spec file's path in the folder, so a run of the same specs elsewhere (another checkout,
    // another CI machine) gets the same package and the same history id: Allure's history carries over.
    expect(result.labels.filter((l) => l.name === 'package')).toEqual([{ name: 'package', value: 'specs.france.roam.yaml' }]);
    const elsewhere = mkdtempSync(join(tmpdir(), 'roam-elsewhere-'));
    try {
      mkdirSync(join(elsewhere, 'deeper', 'specs'), { recursive: true });
      writeFileSync(join(elsewhere, 'deeper', 'specs', 'france.roam.yaml'), spec('IR24-LU-01', 'attach', '208-01'));
      expect((await roam(['run'], join(elsewhere, 'deeper'))).code).toBe(0);
      const [other] = readdirSync(join(elsewhere, 'deeper', 'allure-results')).filter((f) => f.endsWith('-result.json'));
      const again = JSON.parse(readFileSync(join(elsewhere, 'deeper', 'allure-results', other!), 'utf8')) as {
        historyId: string;
        testCaseId: string;
      };
      const first = result as unknown as { historyId: string; testCaseId: string };
      expect([again.testCaseId, again.historyId]).toEqual([first.testCaseId, first.historyId]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('roam run in a folder with its own playwright.config runs that project, passing --project and --grep through', async () => {
  test.setTimeout(120_000);
  // Inside the repo (.inline is gitignored) so the project's own import of @playwright/test resolves.
  const dir = join(repoRoot, '.inline', `cli-run-own-${process.pid}-${Date.now()}`);
  mkdirSync(join(dir, 'tests'), { recursive: true });
  try {
    writeFileSync(
      join(dir, 'playwright.config.mjs'),
      "export default { testDir: 'tests', reporter: 'list', projects: [{ name: 'eu' }, { name: 'us' }] };\n",
    );
    writeFileSync(
      join(dir, 'tests', 'own.spec.mjs'),
      "import { test } from '@playwright/test';\ntest('fast check @fast', () => {});\ntest('slow check @slow', () => {});\n",
    );
    const run = await roam(['run', '--project', 'eu', '--grep', '@fast'], dir);
    expect(run.code, run.output).toBe(0);
    expect(run.stderr).toContain('[roam] Running your Playwright project (playwright.config.mjs)');
    expect(run.output).toContain('[eu] › tests/own.spec.mjs');
    expect(run.output).not.toContain('[us]');
    expect(run.output).not.toContain('slow check');
    expect(run.output).toMatch(/1 passed/);

    const both = await roam(['run', 'specs/*.roam.yaml', '--config', 'playwright.config.mjs'], dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe(
      '[roam] Failed to run roam run: give spec files or --config, not both: a config chooses its own tests. Run "roam run --help" for the options.\n',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

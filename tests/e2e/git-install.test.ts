import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/inline-project.js';
import { consumerProject, playwrightBounds, registryProblem, run } from '../support/consumer-project.js';

// Installing from git, as `npm install github:<owner>/roaming-harness` does:
// npm clones the repository, installs its development dependencies, runs
// `prepare` (which builds dist/) and installs the result. Here the clone is
// of this repository's HEAD over git+file.
test.describe.configure({ timeout: 420_000 });

test('npm install <git url> builds the package: the fixtures import and npx roam --help works', async () => {
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' });
  test.skip(head.status !== 0, 'not a git work tree (git rev-parse HEAD failed), so there is nothing to install from git');
  const { newest } = playwrightBounds();
  const unreachable = await registryProblem(newest);
  test.skip(unreachable !== null, unreachable ?? '');

  const project = consumerProject('git', { type: 'module', devDependencies: { '@playwright/test': newest } });
  try {
    const url = `git+file://${repoRoot}#${head.stdout.trim()}`;
    const installed = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', url], project.dir, 360_000);
    expect(installed.code, installed.output).toBe(0);

    const installedRoot = join(project.dir, 'node_modules', 'roaming-harness');
    expect(lstatSync(installedRoot).isSymbolicLink()).toBe(false);
    expect(existsSync(join(installedRoot, 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(installedRoot, 'specs', 'roam-spec.schema.json'))).toBe(true);
    expect(lstatSync(join(installedRoot, 'dist', 'cli', 'main.js')).mode & 0o111).not.toBe(0);

    const fixtures = await run(
      'node',
      ['--input-type=module', '-e', "const { test } = await import('roaming-harness'); console.log(typeof test.extend, typeof test.step);"],
      project.dir,
    );
    expect(fixtures.code, fixtures.output).toBe(0);
    expect(fixtures.output.trim()).toBe('function function');
    const help = await run('npx', ['--no-install', 'roam', '--help'], project.dir);
    expect(help.code, help.output).toBe(0);
    expect(help.output).toContain('Usage: roam <command> [options]');
    const manifest = JSON.parse(readFileSync(join(installedRoot, 'package.json'), 'utf8')) as { name: string };
    expect(manifest.name).toBe('roaming-harness');
  } finally {
    project.remove();
  }
});

test('in a clone, the built roam command is executable: npx roam --version works after npm run build', async () => {
  const bin = join(repoRoot, 'dist', 'cli', 'main.js');
  // npm test builds with scripts/build.mjs, as npm run build does.
  expect(lstatSync(bin).mode & 0o111, 'dist/cli/main.js has its executable bits').toBe(0o111);
  const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  // Run as the shell runs it (the #! line), not through node.
  const direct = spawnSync(bin, ['--version'], { cwd: repoRoot, encoding: 'utf8' });
  expect(direct.status, direct.stderr).toBe(0);
  expect(direct.stdout.trim()).toBe(version);
  const npx = await run('npx', ['--no-install', 'roam', '--version'], repoRoot, 60_000);
  expect(npx.code, npx.output).toBe(0);
  expect(npx.output.trim()).toBe(version);
});

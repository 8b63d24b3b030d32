import { test, expect } from '@playwright/test';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { codeBlocks } from '../support/readme-blocks.js';
import { repoRoot } from '../support/inline-project.js';
import {
  consumerProject,
  diskUsage,
  packPackage,
  playwrightBounds,
  registryProblem,
  run,
  type ConsumerProject,
} from '../support/consumer-project.js';

// The package as a user gets it: packed as `npm publish` would, installed
// from the registry's point of view into a fresh project outside this
// repository, with that project's own, exactly pinned Playwright.
test.describe.configure({ timeout: 420_000 });

const bounds = playwrightBounds();
const readme = codeBlocks(join(repoRoot, 'README.md'));
const readmeFile = (name: string) => {
  const block = readme.find((b) => b.attributes['file'] === name);
  if (!block) throw new Error(`README.md has no block for ${name}`);
  return block.code;
};
/** Without optional extras, node_modules stays under this. */
const MAX_INSTALL_BYTES = 100 * 1024 * 1024;

let tarball: string;
let skipReason: string | null = null;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  skipReason = await registryProblem(bounds.oldest);
  if (skipReason) return;
  expect(existsSync(join(repoRoot, 'dist', 'index.js')), 'dist/ is built (npm test builds it first)').toBe(true);
  tarball = await packPackage();
});
test.afterAll(() => {
  if (tarball) rmSync(dirname(tarball), { recursive: true, force: true });
});

test('the Playwright bounds are one range, stated the same in the README', () => {
  expect(bounds.range).toBe(`^${bounds.oldest}`);
  expect(bounds.newest.split('.')[0]).toBe(bounds.oldest.split('.')[0]);
  const [major, minor] = bounds.oldest.split('.');
  expect(readFileSync(join(repoRoot, 'README.md'), 'utf8').replace(/\s+/g, ' ')).toContain(
    `${major}.${minor} or later, tested up to ${bounds.newest}`,
  );
  expect(readFileSync(join(repoRoot, 'docs', 'install.md'), 'utf8')).toContain(`| \`@playwright/test\` | ${bounds.oldest} | ${bounds.newest} |`);
});

/** A consumer pinned to `playwright`, with the packed package installed; ESM or CommonJS. */
async function installConsumer(name: string, playwright: string, moduleType: 'module' | 'commonjs'): Promise<ConsumerProject> {
  const project = consumerProject(name, {
    ...(moduleType === 'module' ? { type: 'module' } : {}),
    devDependencies: { '@playwright/test': playwright, 'roaming-harness': `file:${tarball}` },
  });
  project.write('playwright.config.ts', readmeFile('playwright.config.ts'));
  project.write('tests/roaming.spec.ts', readmeFile('tests/roaming.spec.ts'));
  const installed = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], project.dir);
  expect(installed.code, installed.output).toBe(0);
  expect(installed.output).not.toMatch(/EBADENGINE|ERESOLVE|peer dep/i);
  return project;
}

for (const [which, moduleType] of [
  ['oldest', 'commonjs'],
  ['newest', 'module'],
] as const) {
  test(`a ${moduleType} project pinned to the ${which} supported Playwright runs the README's first test with one Playwright`, async () => {
    test.skip(skipReason !== null, skipReason ?? '');
    const version = bounds[which];
    const project = await installConsumer(which, version, moduleType);
    try {
      // One copy of Playwright, the project's own, exactly as pinned.
      const copies = await run('npm', ['ls', '@playwright/test', '--all', '--parseable'], project.dir);
      expect(copies.code, copies.output).toBe(0);
      expect(copies.output.trim().split('\n')).toEqual([join(project.dir, 'node_modules', '@playwright', 'test')]);
      const pinned = JSON.parse(readFileSync(join(project.dir, 'node_modules', '@playwright', 'test', 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(pinned.version).toBe(version);

      const tested = await run('npx', ['playwright', 'test', '--reporter=list'], project.dir);
      expect(tested.code, tested.output).toBe(0);
      expect(tested.output).toMatch(/\b1 passed\b/);
      expect(tested.output).not.toMatch(/Requiring @playwright\/test second time/);
    } finally {
      project.remove();
    }
  });
}

test('without optional extras the install is small, the CLI runs, and each extra is named when it is needed', async () => {
  test.skip(skipReason !== null, skipReason ?? '');
  const project = await installConsumer('lean', bounds.newest, 'module');
  try {
    for (const extra of ['allure', 'msw', 'testcontainers', '@testcontainers/toxiproxy', 'vega']) {
      expect(existsSync(join(project.dir, 'node_modules', extra)), `${extra} is not installed`).toBe(false);
    }
    const bytes = diskUsage(join(project.dir, 'node_modules'));
    test.info().annotations.push({ type: 'node_modules', description: `${(bytes / 1024 / 1024).toFixed(1)} MB` });
    expect(bytes, `${(bytes / 1024 / 1024).toFixed(1)} MB`).toBeLessThanOrEqual(MAX_INSTALL_BYTES);

    const version = await run('npx', ['roam', '--version'], project.dir);
    expect(version.code, version.output).toBe(0);
    expect(version.output.trim()).toBe((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
    const help = await run('npx', ['roam', '--help'], project.dir);
    expect(help.code, help.output).toBe(0);
    expect(help.output).toContain('Usage: roam <command> [options]');

    const report = await run('npx', ['roam', 'report', '--results', 'tests'], project.dir);
    expect(report.code).toBe(1);
    expect(report.output.trim()).toBe(
      '[roam] Failed to build the HTML report: allure is not installed, an optional peer dependency of roaming-harness. ' +
        'Install it: npm install --save-dev allure@^3.18.0.',
    );
    expect(existsSync(join(project.dir, 'allure-report'))).toBe(false);

    const msw = await run(
      'node',
      ['--input-type=module', '-e', "const { mswHandlers } = await import('roaming-harness/mocks'); mswHandlers([]);"],
      project.dir,
    );
    expect(msw.code).toBe(1);
    expect(msw.output).toContain(
      '[roam] Failed to mount network elements in MSW: msw is not installed, an optional peer dependency of roaming-harness. Install it: npm install --save-dev msw@^2.15.0.',
    );

    // CommonJS: every entry point through require.
    const required = await run(
      'node',
      [
        '-e',
        "const h = require('roaming-harness'); const s = require('roaming-harness/simulator'); console.log(typeof h.test.extend, typeof s.RoamingSimulator)",
      ],
      project.dir,
    );
    expect(required.code, required.output).toBe(0);
    expect(required.output).toContain('function function');

    // Types with the oldest module resolution TypeScript has (no exports map).
    project.write(
      'tsconfig.node10.json',
      JSON.stringify({
        compilerOptions: { module: 'commonjs', moduleResolution: 'node10', strict: true, noEmit: true, skipLibCheck: true, types: [], ignoreDeprecations: '5.0' },
        files: ['types-check.ts'],
      }),
    );
    project.write(
      'types-check.ts',
      [
        "import { test, type RoamingWorkerFixtures } from 'roaming-harness';",
        "import { RoamingSimulator } from 'roaming-harness/simulator';",
        "import type { SloSummary } from 'roaming-harness/metrics';",
        "const options: RoamingWorkerFixtures['roaming'] = { home: ['262-01'] };",
        'const simulator: RoamingSimulator = new RoamingSimulator({ seed: 1 });',
        'const summary: SloSummary | undefined = undefined;',
        'export { test, options, simulator, summary };',
        '',
      ].join('\n'),
    );
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const typed = await run('node', [tsc, '-p', 'tsconfig.node10.json'], project.dir);
    expect(typed.code, typed.output).toBe(0);
  } finally {
    project.remove();
  }
});

import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './support/inline-project.js';

// What a fresh process loads when it imports the fixtures, starts a world, then makes a subscriber.
// Heavy modules (charts, container backends, MSW, phone-number metadata, faker, osmo-hlr's driver)
// must load at their point of use, not on the import path. No timing is asserted: only what loads.

interface Loaded {
  readonly stage: string;
  readonly modules: string[];
  readonly undici: boolean;
}

const HOOK = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  port.postMessage(resolved.url);
  return resolved;
}`;

/** The start of a child script: every module URL it resolves from here on is added to \`seen\`. */
const WATCH_MODULES = `
import { register, createRequire } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const seen = new Set();
port1.on('message', (url) => seen.add(url));
port1.unref();
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOK)}), { data: { port: port2 }, transferList: [port2] });`;

const CHILD = (root: string) => `${WATCH_MODULES}
const require = createRequire(import.meta.url);
const report = async (stage) => {
  await new Promise((resolve) => setTimeout(resolve, 50));
  const modules = [...seen, ...Object.keys(require.cache)];
  const undici = process.moduleLoadList.some((m) => m.includes('internal/deps/undici'));
  process.stdout.write(JSON.stringify({ stage, modules, undici }) + '\\n');
};
await import(${JSON.stringify(pathToFileURL(join(root, 'index.ts')).href)});
await report('fixtures imported');
const { startRoamingWorld } = await import(${JSON.stringify(pathToFileURL(join(root, 'world', 'roaming-world.ts')).href)});
const world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'] });
await report('world started');
await world.subscribers.create();
await report('subscriber made');
await world.close();
`;

/** Runs `script` as an ES module in a fresh Node in the repository (TypeScript through tsx unless `typescript` is false); resolves with its output. */
function runScript(script: string, { typescript = true } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(typescript ? ['--import', 'tsx'] : []), '--input-type=module', '-e', script], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

async function runChild(): Promise<Loaded[]> {
  const out = await runScript(CHILD(repoRoot));
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Loaded);
}

const isOurs = (name: string) =>
  OUR_HEAVY.includes(name) || OURS_NOT_ON_THE_FIXTURES_IMPORT.includes(name) || OURS_NOT_ON_THE_SPECS_IMPORT.includes(name);

/** Which of `names` appear among the loaded module URLs and paths: packages by name, or paths in this repository ending in `/` or a module name. */
function loadedOf(stage: Loaded, names: readonly string[]): string[] {
  const inRepo = (m: string, path: string) => !m.includes('/node_modules/') && m.includes(`/${path}`);
  return names.filter((name) => stage.modules.some((m) => (isOurs(name) ? inRepo(m, name) : m.includes(`/node_modules/${name}/`))));
}

const NEVER_ON_IMPORT = ['vega', 'vega-lite', 'testcontainers', 'msw', '@mswjs/interceptors', 'libphonenumber-js', 'mcc-mnc-list'];
// Charts are plain SVG now; vega stays listed so a chart library never comes back onto the import path unnoticed.
// osmo-hlr's exit description is small too; its launcher, VTY and the GSUP and Diameter stacks are not.
const OUR_HEAVY = [
  'peers/osmo-hlr/launcher',
  'peers/osmo-hlr/provisioning',
  'peers/gsup/',
  'protocols/gsup/',
  'protocols/diameter/',
  // The Diameter peers; a spec's slot check reads diameter:// URLs with the small diameter-url module only.
  'peers/diameter/peer-',
  'peers/diameter/s6a/',
  'peers/diameter/gy/',
];

// What every test file of a suite imports loads neither the spec language (it comes from `roaming-harness/specs`)
// nor Allure's runtime (loaded with the first signaling step reported) nor the world's elements and their contracts.
const NOT_ON_THE_FIXTURES_IMPORT = ['zod', 'yaml', 'tinyglobby', 'allure-js-commons'];
const OURS_NOT_ON_THE_FIXTURES_IMPORT = ['specs/', 'mocks/', 'chaos/', 'world/roaming-world'];
// The spec language loads its runner, the world and everything the world starts when a scenario runs.
const OURS_NOT_ON_THE_SPECS_IMPORT = ['chaos/embedded/', 'specs/run-scenario'];

test('importing the package (its fixtures) and starting a world loads no chart library, container, MSW or reference-data module; making subscribers loads faker and phone numbers then', async () => {
  test.setTimeout(90_000);
  const [imported, started, made] = await runChild();
  expect(imported!.stage).toBe('fixtures imported');
  expect(loadedOf(imported!, NEVER_ON_IMPORT)).toEqual([]);
  expect(loadedOf(imported!, NOT_ON_THE_FIXTURES_IMPORT)).toEqual([]);
  expect(loadedOf(imported!, OURS_NOT_ON_THE_FIXTURES_IMPORT)).toEqual([]);
  expect(loadedOf(imported!, ['@faker-js/faker'])).toEqual([]);
  expect(loadedOf(imported!, OUR_HEAVY)).toEqual([]);
  // The fixture module did load; the world loads when a test (here: the script) first asks for one.
  expect(imported!.modules.some((m) => m.endsWith('/fixtures/test.ts'))).toBe(true);

  expect(started!.stage).toBe('world started');
  expect(started!.modules.some((m) => m.endsWith('/world/roaming-world.ts'))).toBe(true);
  expect(loadedOf(started!, [...NEVER_ON_IMPORT, '@faker-js/faker'])).toEqual([]);
  // An HTTP world loads osmo-hlr's driver, GSUP and the Diameter stack only when a link asks for them.
  expect(loadedOf(started!, OUR_HEAVY)).toEqual([]);

  expect(made!.stage).toBe('subscriber made');
  expect(loadedOf(made!, ['@faker-js/faker', 'libphonenumber-js'])).toEqual(['@faker-js/faker', 'libphonenumber-js']);
  expect(loadedOf(made!, ['vega', 'testcontainers', 'msw'])).toEqual([]);
});

test('importing the spec language loads neither the world nor its elements and chaos proxies: they load when a scenario runs', async () => {
  test.setTimeout(90_000);
  const out = await runScript(`${WATCH_MODULES}
const { specs, runScenario, compileDrill } = await import(${JSON.stringify(pathToFileURL(join(repoRoot, 'specs', 'index.ts')).href)});
await new Promise((resolve) => setTimeout(resolve, 50));
process.stdout.write(JSON.stringify({ stage: 'specs imported', modules: [...seen], exported: [typeof specs, typeof runScenario, typeof compileDrill] }) + '\\n');`);
  const imported = JSON.parse(out) as Loaded & { exported: string[] };
  expect(imported.exported).toEqual(['function', 'function', 'function']);
  expect(imported.modules.some((m) => m.endsWith('/specs/loader.ts'))).toBe(true);
  expect(loadedOf(imported, ['world/roaming-world', 'mocks/', ...OURS_NOT_ON_THE_SPECS_IMPORT])).toEqual([]);
  expect(loadedOf(imported, [...NEVER_ON_IMPORT, ...OUR_HEAVY])).toEqual([]);
});

test('a world started outside Playwright never loads undici: its clients, probes and chaos API calls use node:http', async () => {
  test.setTimeout(90_000);
  const child = `
const { startRoamingWorld } = await import(${JSON.stringify(pathToFileURL(join(repoRoot, 'world', 'roaming-world.ts')).href)});
const world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01', '214-01'] });
const roamer = await world.subscribers.create();
const attach = await world.attach(roamer, { visited: '208-01' });
await world.chaos.link('vlr:208-01 -> hlr:262-01').latency({ ms: 1 }).then((fault) => fault.remove());
process.stdout.write(JSON.stringify({ state: attach.state, undici: process.moduleLoadList.some((m) => m.includes('internal/deps/undici')) }) + '\\n');
await world.close();`;
  const result = await runScript(child);
  expect(JSON.parse(result)).toEqual({ state: 'REGISTERED', undici: false });
});

test('the built package loads its entry points and shared chunks only, zod and yaml bundled, and validates a spec and a world with them', async () => {
  test.setTimeout(90_000);
  const dist = join(repoRoot, 'dist');
  const child = `${WATCH_MODULES}
const { parseSpecText } = await import(${JSON.stringify(pathToFileURL(join(dist, 'specs', 'index.js')).href)});
const { startRoamingWorld } = await import(${JSON.stringify(pathToFileURL(join(dist, 'world', 'index.js')).href)});
const parsed = parseSpecText('scenario: 42\\n', 'bad.roam.yaml');
const world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'] });
await world.close();
await new Promise((resolve) => setTimeout(resolve, 50));
process.stdout.write(JSON.stringify({ first: parsed.problems[0], modules: [...seen] }) + '\\n');`;
  const out = await runScript(child, { typescript: false });
  const { first, modules } = JSON.parse(out) as { first: unknown; modules: string[] };
  // zod found the wrong type where the YAML parser located it: the bundles work, not just load.
  expect(first).toMatchObject({ code: 'invalid_type', path: 'scenario', location: { line: 1, column: 11 } });
  expect(modules.filter((m) => /\/node_modules\/(zod|yaml)\//.test(m))).toEqual([]);
  // Linked by the build: the two entry points imported, and chunks of the code they share; no module file of its own.
  const prefix = `${pathToFileURL(dist).href}/`;
  const ours = modules.filter((m) => m.startsWith(prefix)).map((m) => m.slice(prefix.length));
  expect(ours).toEqual(expect.arrayContaining(['specs/index.js', 'world/index.js']));
  expect(ours.filter((m) => !m.startsWith('chunks/') && m !== 'specs/index.js' && m !== 'world/index.js')).toEqual([]);
});

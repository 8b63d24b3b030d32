import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Usim } from '../simulator/auth/usim.js';
import { generateSubscribers } from '../cli/commands/subscribers.js';
import { findOsmoHlr } from '../peers/osmo-hlr/launcher.js';
import { sweepStaleChildren } from '../peers/process-lifetime/child-guardian.js';
import { repoRoot } from './support/inline-project.js';
import { ROAM_CLI } from './support/roam-cli.js';
import { commandOf, descendantsOf, eventually, isAlive, listeningPortsOf } from './support/process-tree.js';

// Children must not outlive the `roam` process that started them: kill -9 of `roam lab up`
// takes osmo-hlr and its database folder along; kill -9 of `roam run` takes Playwright's runner,
// its workers and the generated project along; Ctrl-C on `roam run` lets Playwright end the test
// as interrupted (with a message saying so) and removes the generated project.

interface Spawned {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly output: () => string;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnRoam(args: string[], cwd: string, options: { detached?: boolean } = {}): Spawned {
  const child = spawn(process.execPath, [ROAM_CLI, ...args], {
    cwd,
    env: { ...process.env, ROAM_DEBUG: '', CI: '', FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, pid: child.pid!, output: () => output, exit };
}

function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

/** Kills whatever of `pids` is still alive: a failed test must not leave its processes behind either. */
function killAll(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone.
    }
  }
}

test('kill -9 of roam lab up takes osmo-hlr, its ports and its database folder along; --provision reaches osmo-hlr', async () => {
  test.skip(!findOsmoHlr(), 'osmo-hlr is not installed (apt-get install osmo-hlr)');
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'roam-life-lab-'));
  const subscribers = generateSubscribers({ count: 2, home: '262-01', seed: 5 });
  writeFileSync(
    join(dir, 'subscribers.json'),
    JSON.stringify(subscribers.map((s) => ({ imsi: s.imsi, msisdn: s.msisdn, home: '262-01', ...s.credentials.reveal() }))),
  );
  writeFileSync(join(dir, 'lab.yaml'), 'hlr: osmo-hlr\nvisited: [208-01]\nlab: { port: 0 }\nprovision: subscribers.json\n');
  const lab = spawnRoam(['lab', 'up', '--config', join(dir, 'lab.yaml')], dir);
  let osmo: number[] = [];
  try {
    expect(await eventually(() => lab.output().includes('[roam] Ready.') || lab.child.exitCode !== null, 60_000), lab.output()).toBe(true);
    expect(lab.output()).toContain('2 subscribers provisioned');

    // --provision went through osmo-hlr's VTY: a provisioned SIM attaches through the lab's access point.
    const access = /^ {2}access 208-01\s+(http:\/\/\S+)/m.exec(lab.output())![1]!;
    const post = (path: string, body: unknown) =>
      fetch(`${access}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const challenge = (await (await post('/vlr/v1/attach', { imsi: subscribers[0]!.imsi })).json()) as {
      kind: string;
      transactionId: string;
      rand: string;
      autn: string;
    };
    expect(challenge.kind).toBe('challenge');
    const { k, opc } = subscribers[0]!.credentials.reveal();
    const answer = new Usim(k, opc).authenticate(challenge.rand, challenge.autn) as { res: string };
    const accept = await post(`/vlr/v1/attach/${challenge.transactionId}/response`, { kind: 'response', res: answer.res });
    expect(await accept.json()).toMatchObject({ kind: 'accept' });

    osmo = descendantsOf(lab.pid).filter((pid) => /\bosmo-hlr\b/.test(commandOf(pid)) && !commandOf(pid).includes('use strict'));
    expect(osmo).toHaveLength(1);
    const config = /-c (\S+osmo-hlr\.cfg)/.exec(commandOf(osmo[0]!))![1]!;
    const folder = dirname(config);
    const address = /bind ip (\S+)/.exec(readFileSync(config, 'utf8'))![1]!;
    expect(listeningPortsOf(osmo)).toEqual(expect.arrayContaining([4222, 4258, 4259]));

    lab.child.kill('SIGKILL');
    await lab.exit;
    // The guardian stops osmo-hlr (SIGTERM, then SIGKILL) and removes its folder: bounded, not timed.
    expect(await eventually(() => !isAlive(osmo[0]!) && !existsSync(folder), 15_000), `osmo-hlr ${osmo[0]} or ${folder} left behind`).toBe(
      true,
    );
    for (const port of [4222, 4258, 4259]) expect(await refused(address, port), `${address}:${port}`).toBe(true);
  } finally {
    killAll([lab.pid, ...osmo]);
    rmSync(dir, { recursive: true, force: true });
  }
});

// A networked scenario that holds its world (elements, proxies, the Toxiproxy API) open for a minute.
const WAITING_SPEC = `scenario: A roamer stays attached for a minute
world:
  home: { plmn: 262-01 }
  visited:
    - plmn: 208-01
subscribers:
  travellers: { count: 1, home: 262-01 }
steps:
  - attach: { who: travellers, visited: 208-01 }
  - wait: 60s
`;

/**
 * A folder with one waiting spec, and the generated project `roam run` writes for it (once it has): its config in
 * the temporary folder, its test file in a `.roam-run-*` folder beside the specs.
 */
function waitingProject(): { dir: string; generated: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'roam-life-run-'));
  mkdirSync(join(dir, 'specs'));
  writeFileSync(join(dir, 'specs', 'wait.roam.yaml'), WAITING_SPEC);
  const within = (parent: string, prefix: string, file: string) =>
    readdirSync(parent)
      .filter((name) => name.startsWith(prefix))
      .map((name) => join(parent, name))
      .filter((folder) => {
        try {
          return readFileSync(join(folder, file), 'utf8').includes(JSON.stringify(dir));
        } catch {
          return false;
        }
      });
  const generated = () => [...within(tmpdir(), 'roam-run-', 'playwright.config.mjs'), ...within(dir, '.roam-run-', 'roaming.spec.mjs')];
  return { dir, generated };
}

/** Waits until the run's world listens (elements, proxies, the Toxiproxy API), and returns the process tree. */
async function worldUp(run: Spawned): Promise<number[]> {
  const listening = () => listeningPortsOf(descendantsOf(run.pid)).length >= 5;
  expect(await eventually(() => listening() || run.child.exitCode !== null, 90_000), run.output()).toBe(true);
  expect(run.child.exitCode, run.output()).toBeNull();
  return descendantsOf(run.pid);
}

test('kill -9 of roam run takes Playwright, its workers, their ports and the generated project along', async () => {
  test.setTimeout(180_000);
  const project = waitingProject();
  const run = spawnRoam(['run', '--reporter', 'list'], project.dir);
  let tree: number[] = [];
  try {
    tree = await worldUp(run);
    const ports = listeningPortsOf(tree);
    expect(ports.length).toBeGreaterThanOrEqual(5);
    const generated = project.generated();
    expect(generated).toHaveLength(2);

    run.child.kill('SIGKILL');
    await run.exit;
    const gone = () => tree.every((pid) => !isAlive(pid)) && listeningPortsOf(tree).length === 0 && !generated.some((f) => existsSync(f));
    expect(
      await eventually(gone, 30_000),
      `left: ${tree
        .filter(isAlive)
        .map((p) => `${p} ${commandOf(p).slice(0, 80)}`)
        .join('; ')}`,
    ).toBe(true);
  } finally {
    killAll([run.pid, ...tree]);
    rmSync(project.dir, { recursive: true, force: true });
  }
});

test('Ctrl-C on roam run: Playwright ends the test as interrupted, with a message, and roam removes the generated project', async () => {
  test.setTimeout(180_000);
  const project = waitingProject();
  // Its own process group, as a terminal's job: Ctrl-C goes to the whole group. The config's reporters (list, Allure).
  const run = spawnRoam(['run'], project.dir, { detached: true });
  let tree: number[] = [];
  try {
    tree = await worldUp(run);
    const generated = project.generated();
    expect(generated).toHaveLength(2);

    process.kill(-run.pid, 'SIGINT');
    const exit = await run.exit;
    expect(exit, run.output()).toEqual({ code: 130, signal: null });
    expect(run.output()).toContain('[roam] SIGINT: stopping Playwright; the tests it stops are reported as interrupted...');
    expect(run.output()).toMatch(/1 interrupted/);
    expect(run.output()).toContain('Interrupted: the run was stopped (Ctrl-C or a signal) while this test ran');
    expect(generated.some((f) => existsSync(f))).toBe(false);
    expect(await eventually(() => tree.every((pid) => !isAlive(pid)), 15_000)).toBe(true);

    // Allure has the test, interrupted, with a message that says so.
    const results = readdirSync(join(project.dir, 'allure-results'))
      .filter((f) => f.endsWith('-result.json'))
      .map(
        (f) =>
          JSON.parse(readFileSync(join(project.dir, 'allure-results', f), 'utf8')) as {
            name: string;
            statusDetails?: { message?: string };
          },
      );
    expect(results.map((r) => r.name)).toEqual(['A roamer stays attached for a minute']);
    expect(results[0]!.statusDetails?.message).toMatch(/^Interrupted: the run was stopped/);
  } finally {
    killAll([run.pid, ...tree]);
    rmSync(project.dir, { recursive: true, force: true });
  }
});

test('what a killed process and its guardian left behind is cleaned up at the next start', async () => {
  test.setTimeout(60_000);
  const folder = mkdtempSync(join(tmpdir(), 'roam-life-stale-'));
  // A registry of its own: other harness processes starting meanwhile would sweep the shared one first.
  const registry = mkdtempSync(join(tmpdir(), 'roam-life-registry-'));
  const module = pathToFileURL(join(repoRoot, 'peers', 'process-lifetime', 'child-guardian.ts')).href;
  // An owner that starts a long child, registers it, and says who is who.
  const owner = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { spawn } from 'node:child_process';
       import { guardChild } from ${JSON.stringify(module)};
       const child = spawn('sleep', ['300'], { stdio: 'ignore' });
       guardChild({ pid: child.pid, directories: [${JSON.stringify(folder)}], label: 'sleep' });
       console.log(JSON.stringify({ child: child.pid }));
       setInterval(() => {}, 1000);`,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ROAM_PROCESS_REGISTRY: registry } },
  );
  let sleeper = 0;
  let guardian: number[] = [];
  try {
    sleeper = await new Promise<number>((resolve) =>
      owner.stdout!.once('data', (d) => resolve((JSON.parse(String(d)) as { child: number }).child)),
    );
    expect(await eventually(() => descendantsOf(owner.pid!).some((pid) => commandOf(pid).includes('use strict')), 10_000)).toBe(true);
    guardian = descendantsOf(owner.pid!).filter((pid) => commandOf(pid).includes('use strict'));
    // Both die at once, so nobody stops the child: it and the folder outlive them.
    killAll([...guardian, owner.pid!]);
    expect(await eventually(() => guardian.every((p) => !isAlive(p)) && !isAlive(owner.pid!), 10_000)).toBe(true);
    expect(isAlive(sleeper)).toBe(true);
    expect(existsSync(folder)).toBe(true);

    expect(readdirSync(registry)).toHaveLength(1);
    expect(sweepStaleChildren({ directory: registry })).toBe(1);
    expect(readdirSync(registry)).toEqual([]);
    expect(await eventually(() => !isAlive(sleeper), 5_000)).toBe(true);
    expect(existsSync(folder)).toBe(false);
  } finally {
    killAll([owner.pid!, ...guardian, sleeper].filter(Boolean));
    rmSync(folder, { recursive: true, force: true });
    rmSync(registry, { recursive: true, force: true });
  }
});

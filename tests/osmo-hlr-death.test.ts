import { test, expect as baseExpect } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roamingMatchers } from '../fixtures/matchers.js';
import { describeOsmoHlrExit, findOsmoHlr } from '../peers/osmo-hlr/launcher.js';
import { startRoamingWorld } from '../world/roaming-world.js';
import { spawn } from 'node:child_process';
import { ROAM_CLI } from './support/roam-cli.js';
import { commandOf, connectedPortsOf, descendantsOf, eventually } from './support/process-tree.js';

// osmo-hlr killed while a world uses it: the failures that follow say the process died, with
// its signal, instead of a bare NETWORK_FAILURE; a spec run shows it in the failure and attaches it.

const expect = baseExpect.extend(roamingMatchers);

/** A test or step of an Allure result. */
interface AllureNode {
  readonly attachments?: { name: string; source: string }[];
  readonly steps?: AllureNode[];
}
const REGISTERED = ['IDLE', 'AUTHENTICATING', 'UPDATING_LOCATION', 'REGISTERED'];

test.skip(!findOsmoHlr(), 'osmo-hlr is not installed (apt-get install osmo-hlr)');

test('after osmo-hlr is killed, an attach is rejected with a reason that names its death and signal', async () => {
  test.setTimeout(60_000);
  await using world = await startRoamingWorld({ hlr: 'osmo-hlr', visited: ['208-01'] });
  const [first, second] = await world.subscribers.createMany({ count: 2 });
  expect(await world.attach(first!, { visited: '208-01' })).toHaveTransitioned(REGISTERED);

  const osmo = world.homeNetwork().osmoHlr!;
  expect(osmo.exitStatus()).toBeUndefined();
  process.kill(osmo.pid, 'SIGKILL');
  await expect.poll(() => osmo.exitStatus()?.signal, { timeout: 10_000 }).toBe('SIGKILL');
  expect(osmo.exitStatus()).toMatchObject({ code: null, signal: 'SIGKILL', stopped: false });
  expect(describeOsmoHlrExit(osmo.exitStatus()!)).toMatch(/^osmo-hlr exited \(signal SIGKILL\) at \d{4}-/);

  const outcome = await world.attach(second!, { visited: '208-01' });
  expect(outcome.state).toBe('REJECTED');
  expect(outcome.cause).toBe('NETWORK_FAILURE');
  expect(outcome.reason).toMatch(/osmo-hlr exited \(signal SIGKILL\)/);
  // What a test that expected a registration reads.
  expect(() => expect(outcome).toHaveTransitioned(REGISTERED)).toThrow(
    /Reject cause: NETWORK_FAILURE .*osmo-hlr exited \(signal SIGKILL\)/,
  );
});

test('a spec run whose osmo-hlr dies says so in the failure and attaches the exit to the report', async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'roam-osmo-death-'));
  mkdirSync(join(dir, 'specs'));
  writeFileSync(
    join(dir, 'specs', 'death.roam.yaml'),
    `scenario: The HLR dies between two attaches
world:
  home: { plmn: 262-01 }
  visited:
    - plmn: 208-01
  hlr: osmo-hlr
subscribers:
  travellers: { count: 1, home: 262-01 }
steps:
  - attach: { who: travellers, visited: 208-01, expect: { outcome: success } }
  - wait: 8s
  - attach: { who: travellers, visited: 208-01, expect: { outcome: success } }
`,
  );
  const child = spawn(process.execPath, [ROAM_CLI, 'run'], {
    cwd: dir,
    env: { ...process.env, ROAM_DEBUG: '', CI: '', FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let osmo: number[] = [];
  try {
    // This run's osmo-hlr, once a VLR holds a GSUP connection to it (the first attach has reached it).
    const gsupInUse = () => {
      osmo = descendantsOf(child.pid!).filter((pid) => commandOf(pid).startsWith(`${findOsmoHlr()} `));
      return osmo.length === 1 && connectedPortsOf(osmo).includes(4222);
    };
    expect(await eventually(() => gsupInUse() || child.exitCode !== null, 60_000), output).toBe(true);
    await new Promise((r) => setTimeout(r, 1_000));
    process.kill(osmo[0]!, 'SIGKILL');

    expect(await exit, output).toBe(1);
    expect(output).toMatch(/rejected \(NETWORK_FAILURE\): the home HLR of 262-01 did not answer .*osmo-hlr exited \(signal SIGKILL\)/);
    const results = readdirSync(join(dir, 'allure-results'))
      .filter((f) => f.endsWith('-result.json'))
      .map(
        (f) => JSON.parse(readFileSync(join(dir, 'allure-results', f), 'utf8')) as AllureNode & { statusDetails?: { message?: string } },
      );
    expect(results).toHaveLength(1);
    expect(results[0]!.statusDetails?.message).toMatch(/osmo-hlr exited \(signal SIGKILL\)/);
    // Allure keeps each attachment in a step of its own name.
    const attachments = (node: AllureNode): { name: string; source: string }[] => [
      ...(node.attachments ?? []),
      ...(node.steps ?? []).flatMap(attachments),
    ];
    const attachment = attachments(results[0]!).find((a) => a.name === 'element exits');
    expect(attachment, JSON.stringify(attachments(results[0]!).map((a) => a.name))).toBeDefined();
    expect(readFileSync(join(dir, 'allure-results', attachment!.source), 'utf8')).toMatch(
      /^hlr:262-01: osmo-hlr exited \(signal SIGKILL\)/,
    );
  } finally {
    child.kill('SIGKILL');
    for (const pid of osmo) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

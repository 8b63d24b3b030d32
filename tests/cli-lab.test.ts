import { test, expect } from '@playwright/test';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Usim } from '../simulator/auth/usim.js';
import { generateSubscribers } from '../cli/commands/subscribers.js';
import { repoRoot, runNode } from './support/inline-project.js';

// `roam lab up` as a user runs it: the built CLI in a subprocess, driven with plain fetch.
const CLI = join(repoRoot, 'dist', 'cli', 'main.js');

interface RunningLab {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exit: Promise<number | null>;
}

function startLab(args: string[]): RunningLab {
  const child = spawn(process.execPath, [CLI, 'lab', 'up', ...args], { cwd: repoRoot, env: { ...process.env, ROAM_DEBUG: '' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function ready(lab: RunningLab): Promise<void> {
  await expect.poll(() => lab.stdout().includes('[roam] Ready.') || lab.child.exitCode !== null, { timeout: 30_000 }).toBe(true);
  expect(lab.child.exitCode, lab.stderr()).toBeNull();
}

/** `  <what>  <url>  (note)` lines, by what. */
function endpoints(stdout: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of stdout.matchAll(/^ {2}(\S+(?: \S+)?)\s+(http:\/\/\S+)/gm)) found.set(match[1]!, match[2]!);
  return found;
}

function metric(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? NaN : Number(line.split(' ').pop());
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

test('roam lab up: attach through the printed endpoints with fetch, see it in /metrics and /events, stop on SIGINT', async () => {
  test.setTimeout(90_000);
  const lab = startLab(['--port', '0', '--visited', '208-01', '--seed', '3']);
  try {
    await ready(lab);
    const at = endpoints(lab.stdout());
    const access = at.get('access 208-01')!;
    const hlr = at.get('hlr 262-01')!;
    const metrics = at.get('metrics')!;
    expect(access).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/access\/208-01$/);
    expect(hlr).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(at.get('toxiproxy')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lab.stdout()).toMatch(/^ {4}ue -> vlr:208-01\s+127\.0\.0\.1:\d+ -> 127\.0\.0\.1:\d+$/m);

    const before = await (await fetch(metrics)).text();
    expect(metric(before, 'roam_attach_success_total', 'visited="208-01"')).toBe(0);

    // A SIM of our own (seed 99: not one the lab knows), provisioned through the printed HLR admin API.
    const [sim] = generateSubscribers({ count: 1, home: '262-01', seed: 99 });
    const { k, opc } = sim!.credentials.reveal();
    const provisioned = await fetch(`${hlr}/admin/v1/subscribers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ imsi: sim!.imsi, msisdn: sim!.msisdn, k, opc }),
    });
    expect(provisioned.status, await provisioned.clone().text()).toBe(201);

    const post = (path: string, body: unknown) =>
      fetch(`${access}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const challenge = (await (await post('/vlr/v1/attach', { imsi: sim!.imsi })).json()) as {
      kind: string;
      transactionId: string;
      rand: string;
      autn: string;
    };
    expect(challenge.kind).toBe('challenge');
    const answer = new Usim(k, opc).authenticate(challenge.rand, challenge.autn);
    expect(answer.kind).toBe('response');
    const accept = await post(`/vlr/v1/attach/${challenge.transactionId}/response`, {
      kind: 'response',
      res: (answer as { res: string }).res,
    });
    expect(await accept.json()).toMatchObject({ kind: 'accept', msisdn: sim!.msisdn });

    // A SIM the HLR does not know is refused, and counted as a failure with its cause.
    const [stranger] = generateSubscribers({ count: 2, home: '262-01', seed: 100 }).slice(1);
    const refusedAttach = await post('/vlr/v1/attach', { imsi: stranger!.imsi });
    expect(refusedAttach.ok).toBe(false);

    const after = await (await fetch(metrics)).text();
    expect(metric(after, 'roam_attach_attempts_total', 'visited="208-01"')).toBe(2);
    expect(metric(after, 'roam_attach_success_total', 'visited="208-01"')).toBe(1);
    expect(after).toMatch(/^roam_attach_failure_total\{visited="208-01",reason="[A-Z_]+"\} 1$/m);
    expect(metric(after, 'roam_attach_latency_seconds_count', 'visited="208-01",result="success"')).toBe(1);
    expect(metric(after, 'roam_billing_charging_events', 'home="262-01"')).toBeGreaterThanOrEqual(1);

    const events = (await (await fetch(at.get('events')!)).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.map((e) => [e.event_type, e.result])).toEqual([
      ['attach', 'success'],
      ['attach', 'failure'],
    ]);
    expect(JSON.stringify(events)).not.toContain(sim!.imsi);
    expect(JSON.stringify(events)).not.toContain(k);

    // `roam events export` reads the same from the running lab, filtered.
    const labUrl = at.get('metrics')!.replace(/\/metrics$/, '');
    const exported = await runNode([CLI, 'events', 'export', '--from', labUrl, '--result', 'failure'], repoRoot);
    expect(exported.code, exported.output).toBe(0);
    expect(
      exported.output
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).result),
    ).toEqual(['failure']);

    const ports = [...lab.stdout().matchAll(/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
    expect(ports.length).toBeGreaterThan(8);
    lab.child.kill('SIGINT');
    expect(await lab.exit).toBe(0);
    expect(lab.stdout()).toContain('[roam] Lab stopped');
    for (const port of new Set(ports)) expect(await refused(port), `port ${port} still listening`).toBe(true);
  } finally {
    lab.child.kill('SIGKILL');
  }
});

test('roam lab up: a bad lab file exits 2 with one line naming the file and the field', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roam-lab-'));
  try {
    writeFileSync(join(dir, 'lab.yaml'), 'seed: 7\nvisited: [208-1]\nlab: { port: 0 }\nmetrics: true\n');
    const lab = startLab(['--config', join(dir, 'lab.yaml')]);
    expect(await lab.exit).toBe(2);
    expect(lab.stdout()).toBe('');
    const lines = lab.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[roam\] Failed to load lab config .*lab\.yaml: /);
    // Each problem with its line and column in the file.
    expect(lines[0]).toContain('visited[0] (2:11): "208-1" is not a PLMN');
    expect(lines[0]).toContain('metrics (4:1): unknown field');

    writeFileSync(join(dir, 'lab.yaml'), 'seed: 7\nvisitd: [208-01]\n');
    const misspelt = startLab(['--config', join(dir, 'lab.yaml')]);
    expect(await misspelt.exit).toBe(2);
    expect(misspelt.stderr()).toContain('visitd (2:1): unknown field; did you mean "visited"?');

    writeFileSync(join(dir, 'lab.yaml'), 'seed: 7\nvisited: [208-01\n');
    const broken = startLab(['--config', join(dir, 'lab.yaml')]);
    expect(await broken.exit).toBe(2);
    expect(broken.stderr()).toMatch(/lab\.yaml: it is not valid YAML at \d+:\d+ \(/);

    const missing = startLab(['--config', join(dir, 'nope.yaml')]);
    expect(await missing.exit).toBe(2);
    expect(missing.stderr()).toMatch(
      /^\[roam\] Failed to load lab config .*nope\.yaml: no such file or folder\. Check the path, or start without --config\.\n$/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('roam lab up --config: a lab file with agreements and a subscriber file from "roam subscribers generate --with-keys"', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roam-lab-'));
  try {
    const subscribers = generateSubscribers({ count: 2, home: '262-01', seed: 5 });
    const rows = subscribers.map((s) => ({
      imsi: s.imsi,
      msisdn: s.msisdn,
      home: '262-01',
      profile: 'consumer',
      ...s.credentials.reveal(),
    }));
    writeFileSync(join(dir, 'subscribers.json'), JSON.stringify(rows));
    writeFileSync(
      join(dir, 'lab.yaml'),
      'seed: 7\nhome: [262-01]\nvisited: [208-01, 214-01]\nagreements:\n  - { home: 262-01, visited: 208-01, tariff: eu-regulated }\nlab: { port: 0 }\nprovision: subscribers.json\n',
    );
    const lab = startLab(['--config', join(dir, 'lab.yaml')]);
    try {
      await ready(lab);
      expect(lab.stdout()).toMatch(/^\[roam\] Roaming lab up \(seed 7, chaos backend embedded, 2 subscribers provisioned\):$/m);
      const at = endpoints(lab.stdout());
      const record = await fetch(`${at.get('hlr 262-01')}/admin/v1/subscribers/${subscribers[1]!.imsi}`);
      expect(record.status).toBe(200);
      expect(await record.json()).toMatchObject({ imsi: subscribers[1]!.imsi, roamingAllowed: true });
      // No agreement with 214-01: the lab has no link from its VLR to the home HLR.
      expect(lab.stdout()).toContain('vlr:208-01 -> hlr:262-01');
      expect(lab.stdout()).not.toContain('vlr:214-01 -> hlr:262-01');
      lab.child.kill('SIGTERM');
      expect(await lab.exit).toBe(0);
    } finally {
      lab.child.kill('SIGKILL');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

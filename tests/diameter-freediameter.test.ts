import { test, expect } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeMessage } from '../protocols/diameter/describe.js';
import type { DiameterTraffic } from '../peers/diameter/peer-connection.js';
import { DiameterServer } from '../peers/diameter/peer-server.js';
import { findTool } from './support/find-tool.js';

// Interoperability with a Diameter implementation that is not ours:
// freeDiameterd connects to our server (its ConnectPeer), the capabilities
// exchange opens the connection, DWR/DWA rounds keep it, our DPR closes it
// cleanly; after it reconnects, its own DPR on shutdown is answered and the
// connection closes cleanly again. freeDiameter's log must show no error.

const FREE_DIAMETER = findTool('freeDiameterd');
const OPENSSL = findTool('openssl');
test.skip(!FREE_DIAMETER, 'freeDiameterd is not installed (apt-get install freediameter)');
test.skip(!OPENSSL, 'openssl is not installed (apt-get install openssl)');

const US = { originHost: 'harness.interop.example', originRealm: 'interop.example', applications: ['s6a', 'gy'] } as const;

// freeDiameter insists on TLS credentials even when every peer is No_TLS; Port 0 and SecPort 0
// keep it from listening at all (it would bind every interface), so it only connects out, to us.
function freeDiameterConf(dir: string, port: number): string {
  return [
    'Identity = "fd.interop.example";',
    'Realm = "interop.example";',
    'Port = 0;',
    'SecPort = 0;',
    'No_SCTP;',
    'No_IPv6;',
    'TwTimer = 6;',
    `TLS_Cred = "${join(dir, 'cert.pem')}", "${join(dir, 'key.pem')}";`,
    `TLS_CA = "${join(dir, 'cert.pem')}";`,
    `ConnectPeer = "${US.originHost}" { ConnectTo = "127.0.0.1"; Port = ${port}; No_TLS; TcTimer = 1; };`,
    '',
  ].join('\n');
}

test('freeDiameterd: CER/CEA, DWR/DWA, and a clean DPR/DPA either way', async ({}, testInfo) => {
  test.setTimeout(60_000);
  const dir = await mkdtemp(join(tmpdir(), 'roam-freediameter-'));
  const traffic: DiameterTraffic[] = [];
  const server = await DiameterServer.listen({ identity: US, watchdogMs: 250, onTraffic: (t) => traffic.push(t) });
  let daemon: ChildProcess | undefined;
  let log = '';
  try {
    const cert = spawnSync(
      OPENSSL!,
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=fd.interop.example',
      ],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(cert.status, cert.stderr).toBe(0);
    await writeFile(join(dir, 'freeDiameter.conf'), freeDiameterConf(dir, server.port));
    daemon = spawn(FREE_DIAMETER!, ['-c', join(dir, 'freeDiameter.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    daemon.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    daemon.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const seen = () => traffic.map((t) => `${t.direction} ${t.message ? describeMessage(t.message).abbreviation : 'undecodable'}`);

    // freeDiameter connects; we answer its CER, then probe with DWR.
    await expect.poll(() => server.connections.length, { timeout: 15_000 }).toBe(1);
    const first = server.connections[0]!;
    expect(first.peer).toMatchObject({ originHost: 'fd.interop.example', originRealm: 'interop.example', productName: 'freeDiameter' });
    await expect.poll(() => seen().filter((s) => s === 'received DWA').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(first.watchdogState).toBe('okay');

    // Our DPR (REBOOTING, so it will come back): freeDiameter answers DPA and the connection closes cleanly.
    await first.disconnect('REBOOTING');
    expect(await first.closed).toBe('disconnected (DPR/DPA)');
    expect(seen()).toEqual(expect.arrayContaining(['received CER', 'sent CEA', 'sent DWR', 'received DWA', 'sent DPR', 'received DPA']));

    // It comes back after Tc; on shutdown it sends DPR, which we answer.
    await expect.poll(() => server.connections.length, { timeout: 20_000 }).toBe(1);
    const second = server.connections[0]!;
    const exited = new Promise((resolve) => daemon!.once('exit', resolve));
    daemon.kill('SIGINT');
    await exited;
    expect(await second.closed).toBe('the peer disconnected (DPR/DPA)');
    expect(seen().slice(-2)).toEqual(['received DPR', 'sent DPA']);
    expect(traffic.filter((t) => !t.message)).toEqual([]);
    expect(log).toMatch(/'STATE_WAITCEA'\s+-> 'STATE_OPEN'\s+'harness\.interop\.example'/);
    expect(log).toContain(`Peer '${US.originHost}' sent a DPR with cause: REBOOTING`);
    expect(log.split('\n').filter((line) => /\bERROR\b/.test(line))).toEqual([]);
  } finally {
    await testInfo.attach('freeDiameter.log', { body: log, contentType: 'text/plain' });
    if (daemon && daemon.exitCode === null && daemon.signalCode === null) {
      const exited = new Promise((resolve) => daemon!.once('exit', resolve));
      daemon.kill('SIGKILL');
      await exited;
    }
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

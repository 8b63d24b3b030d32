import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Toxiproxy } from 'toxiproxy-node-client';
import { connectClient, startEchoServer } from '../chaos/embedded/test-support/tcp-peers.js';
import { call, errorBody, portOf } from '../chaos/embedded/test-support/api.js';
import { roundTrip } from '../chaos/embedded/test-support/proxied-echo.js';
import { repoRoot } from './support/inline-project.js';
import { runToxiproxyCommand } from './support/toxiproxy-command.js';

const runInProcess = (args: string[]) => runToxiproxyCommand(args);

test('roam toxiproxy serves the Toxiproxy API on --host/--port and stops cleanly', async () => {
  await using echo = await startEchoServer();
  const run = runInProcess(['--host', '127.0.0.1', '--port', '0']);
  const url = await run.url;
  expect(run.output()).toMatch(/^\[roam\] Toxiproxy API listening on http:\/\/127\.0\.0\.1:\d+ \(version 2\.12\.0\+roaming-harness\)\n$/);
  const proxy = await new Toxiproxy(url).createProxy({ name: 'echo', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}` });
  await using connection = await connectClient(portOf(proxy.listen));
  expect(await roundTrip(connection)).toBeLessThan(1000);
  // Without --embedded-toxics it refuses exactly what Toxiproxy refuses.
  expect((await call(url, 'POST', '/proxies/echo/toxics', '{"type":"roam_loss"}')).body).toBe(errorBody('invalid toxic type', 400));
  run.stop.abort();
  expect(await run.exit).toBe(0);
  expect(run.output()).toContain('[roam] Toxiproxy stopped');
  await connection.closed();
  await expect(fetch(`${url}/version`)).rejects.toThrow();
});

test('Go-style flags, --config and --embedded-toxics work as with toxiproxy-server', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roam-toxiproxy-'));
  try {
    writeFileSync(
      join(dir, 'proxies.json'),
      JSON.stringify([{ name: 'hlr', listen: '127.0.0.1:0', upstream: '127.0.0.1:5000', enabled: false }]),
    );
    const run = runInProcess(['-host=127.0.0.1', '-port', '0', '-config', join(dir, 'proxies.json'), '--embedded-toxics']);
    const url = await run.url;
    expect(run.output()).toContain('with the embedded-only toxic types');
    expect(Object.keys(await new Toxiproxy(url).getAll())).toEqual(['hlr']);
    expect((await call(url, 'POST', '/proxies/hlr/toxics', '{"type":"roam_loss"}')).status).toBe(200);
    run.stop.abort();
    expect(await run.exit).toBe(0);

    // As toxiproxy-server: a config that cannot be loaded is reported, and the server serves on.
    writeFileSync(join(dir, 'broken.json'), '[{"name":"hlr"');
    for (const [file, cause] of [
      ['missing.json', 'ENOENT'],
      ['broken.json', 'bad request body: unexpected EOF'],
    ] as const) {
      const bad = runInProcess(['--port', '0', '--config', join(dir, file)]);
      const badUrl = await bad.url;
      expect(bad.errors()).toBe(
        `[roam] Failed to load proxies from ${join(dir, file)}: ${cause}. Serving without them; fix the file and POST it to /populate, or restart.\n`,
      );
      expect((await call(badUrl, 'GET', '/proxies')).body).toBe('{}');
      bad.stop.abort();
      expect(await bad.exit).toBe(0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad flags exit 2 with a [roam] message; --help prints the usage', async () => {
  const unknown = runInProcess(['--colour']);
  expect(await unknown.exit).toBe(2);
  expect(unknown.errors()).toMatch(/^\[roam\] Failed to start Toxiproxy: Unknown option '--colour'.*Run "roam toxiproxy --help"/);
  const port = runInProcess(['--port', 'http']);
  expect(await port.exit).toBe(2);
  expect(port.errors()).toContain('--port http is not a TCP port');
  const help = runInProcess(['--help']);
  expect(await help.exit).toBe(0);
  expect(help.output()).toContain('a drop-in for toxiproxy-server');
});

test('a real process stops on SIGINT and on SIGTERM, exiting 0', async () => {
  const module = pathToFileURL(join(repoRoot, 'cli', 'commands', 'toxiproxy.ts')).href;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { toxiproxyCommand } from ${JSON.stringify(module)}; process.exitCode = await toxiproxyCommand(process.argv.slice(1));`,
        '--',
        '--port',
        '0',
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL after 20 s: ${out}`)), 20_000);
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    expect((await fetch(`${url}/version`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill(signal);
    expect(await exited).toBe(0);
    expect(out).toContain('[roam] Toxiproxy stopped');
  }
});

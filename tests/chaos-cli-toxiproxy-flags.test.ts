import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Toxiproxy } from 'toxiproxy-node-client';
import { call, portOf } from '../chaos/embedded/test-support/api.js';
import { roundTrip } from '../chaos/embedded/test-support/proxied-echo.js';
import { connectClient, startEchoServer } from '../chaos/embedded/test-support/tcp-peers.js';
import { runToxiproxyCommand } from './support/toxiproxy-command.js';

// roam toxiproxy takes every flag of toxiproxy-server 2.12 (-seed,
// -proxy-metrics, -runtime-metrics, -version, -h), read as Go reads them,
// plus explicit flags for what it adds: auth, an upstream allow-list, limits.

/** Runs the command with `args`, hands its URL to `use`, then stops it and checks it exited 0. */
async function serving(args: string[], use: (url: string, output: () => string) => Promise<void>, env: NodeJS.ProcessEnv = {}) {
  const run = runToxiproxyCommand(['--port', '0', ...args], env);
  try {
    await use(await run.url, run.output);
  } finally {
    run.stop.abort();
  }
  expect(await run.exit).toBe(0);
}

test("-version prints toxiproxy-server's line with this version; -h and -help print the usage; both exit 0", async () => {
  for (const flag of ['-version', '--version', '-version=true']) {
    const run = runToxiproxyCommand([flag]);
    expect(await run.exit).toBe(0);
    expect(run.output()).toBe('toxiproxy-server version 2.12.0+roaming-harness\n');
  }
  for (const flag of ['-h', '-help', '--help']) {
    const run = runToxiproxyCommand([flag]);
    expect(await run.exit).toBe(0);
    expect(run.output()).toContain('-proxy-metrics');
    expect(run.output()).toContain('--allow-upstream');
  }
});

test('-proxy-metrics and -runtime-metrics serve /metrics; -seed is taken as an int64', async () => {
  await using echo = await startEchoServer();
  await serving(['-proxy-metrics', '--runtime-metrics=true', '-seed', '-42'], async (url, output) => {
    expect(output()).toContain('metrics on /metrics');
    const proxy = await new Toxiproxy(url).createProxy({ name: 'hlr', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}` });
    {
      await using connection = await connectClient(portOf(proxy.listen));
      await roundTrip(connection, 'ping');
    }
    const metrics = (await call(url, 'GET', '/metrics')).body;
    expect(metrics).toMatch(
      /^toxiproxy_proxy_received_bytes_total\{direction="upstream",listener="127\.0\.0\.1:\d+",proxy="hlr",upstream="127\.0\.0\.1:\d+"\} 4$/m,
    );
    expect(metrics).toMatch(/^process_cpu_seconds_total /m);
  });
  // Without the flags there is no /metrics, as with toxiproxy-server; -proxy-metrics=false is off.
  await serving(['-proxy-metrics=false'], async (url) => {
    expect((await call(url, 'GET', '/metrics')).status).toBe(404);
  });
  for (const [args, message] of [
    [['-seed', 'x'], 'invalid value "x" for -seed. Give a whole number'],
    [['-seed', '9223372036854775808'], 'value out of range'],
    [['-proxy-metrics=maybe'], 'invalid boolean value "maybe" for -proxy-metrics'],
    [['-config'], 'flag needs an argument: -config'],
    [['8474'], "unexpected argument '8474'"],
  ] as const) {
    const run = runToxiproxyCommand([...args]);
    expect(await run.exit).toBe(2);
    expect(run.errors()).toContain(message);
  }
});

test('auth is an explicit flag: --token-env NAME or --token-file; TOXIPROXY_TOKEN alone turns nothing on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roam-toxiproxy-token-'));
  try {
    const config = join(dir, 'proxies.json');
    writeFileSync(config, JSON.stringify([{ name: 'hlr', listen: '127.0.0.1:0', upstream: '127.0.0.1:9', enabled: false }]));
    const env = { TOXIPROXY_TOKEN: 'env-token', ROAM_TP_TOKEN: 'flag-token' };
    await serving([], async (url) => expect((await call(url, 'GET', '/proxies')).status).toBe(200), env);
    await serving(
      ['--token-env', 'ROAM_TP_TOKEN', '-config', config],
      async (url, output) => {
        expect(output()).toContain('bearer token required');
        expect(output()).not.toContain('flag-token');
        expect((await call(url, 'GET', '/proxies')).status).toBe(401);
        // The config was loaded through the same token.
        const listed = await call(url, 'GET', '/proxies', undefined, { authorization: 'Bearer flag-token' });
        expect(Object.keys(JSON.parse(listed.body) as object)).toEqual(['hlr']);
      },
      env,
    );
    writeFileSync(join(dir, 'token'), 'file-token\n');
    await serving(['--token-file', join(dir, 'token')], async (url) => {
      expect((await call(url, 'GET', '/proxies', undefined, { authorization: 'Bearer file-token' })).status).toBe(200);
      expect((await call(url, 'GET', '/proxies', undefined, { authorization: 'Bearer file' })).status).toBe(401);
    });
    writeFileSync(join(dir, 'empty'), '\n');
    for (const [args, message] of [
      [['--token-env', 'ROAM_TP_UNSET'], '--token-env ROAM_TP_UNSET names a variable that is unset or empty'],
      [['--token-file', join(dir, 'empty')], 'holds no token'],
      [['--token-file', join(dir, 'nope')], 'cannot be read (ENOENT)'],
      [
        ['--token-env', 'ROAM_TP_TOKEN', '--token-file', join(dir, 'token')],
        '--token-env and --token-file are both given. Give one of them',
      ],
    ] as const) {
      const run = runToxiproxyCommand([...args], env);
      expect(await run.exit).toBe(2);
      expect(run.errors()).toContain(message);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every flag a limit error names exists and sets that limit', async () => {
  const limits = [
    '--max-proxies',
    '1',
    '--max-toxics-per-proxy',
    '1',
    '--max-body-bytes',
    '300',
    '--max-name-bytes',
    '16',
    '--max-address-bytes',
    '40',
  ];
  await serving(limits, async (url) => {
    const named: string[] = [];
    const expectError = async (res: Promise<{ status: number; body: string }>, status: number) => {
      const { status: got, body } = await res;
      expect(got).toBe(status);
      const flag = /roam toxiproxy (--[a-z-]+)/.exec(body)?.[1];
      expect(flag, body).toBeDefined();
      named.push(flag!);
    };
    const proxy = (name: string, upstream = '127.0.0.1:9') => JSON.stringify({ name, listen: '127.0.0.1:0', upstream });
    expect((await call(url, 'POST', '/proxies', proxy('hlr'))).status).toBe(201);
    await expectError(call(url, 'POST', '/proxies', proxy('vlr')), 409);
    expect((await call(url, 'POST', '/proxies/hlr/toxics', '{"type":"noop"}')).status).toBe(200);
    await expectError(call(url, 'POST', '/proxies/hlr/toxics', '{"name":"slow","type":"latency"}'), 409);
    await expectError(call(url, 'POST', '/proxies', JSON.stringify({ name: 'x', pad: 'p'.repeat(400) })), 413);
    await expectError(call(url, 'POST', '/proxies', proxy('name-longer-than-sixteen')), 400);
    await expectError(call(url, 'POST', '/proxies/hlr', JSON.stringify({ upstream: `${'u'.repeat(40)}:1` })), 400);
    // Each named flag is one this run was started with, so each exists and took effect.
    expect(named.sort()).toEqual([
      '--max-address-bytes',
      '--max-body-bytes',
      '--max-name-bytes',
      '--max-proxies',
      '--max-toxics-per-proxy',
    ]);
  });
  const bad = runToxiproxyCommand(['--max-proxies', '0']);
  expect(await bad.exit).toBe(2);
  expect(bad.errors()).toContain('--max-proxies 0 is not a whole number of at least 1');
});

test('--allow-upstream limits what proxies may reach', async () => {
  await using echo = await startEchoServer();
  await serving(['--allow-upstream', '127.0.0.0/8,::1', '--allow-upstream', 'hlr.roaming.test'], async (url, output) => {
    expect(output()).toContain('upstreams limited to 127.0.0.0/8, ::1, hlr.roaming.test');
    const refused = await call(
      url,
      'POST',
      '/proxies',
      JSON.stringify({ name: 'imds', listen: '127.0.0.1:0', upstream: '169.254.169.254:80' }),
    );
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('--allow-upstream');
    const proxy = await new Toxiproxy(url).createProxy({ name: 'hlr', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}` });
    await using connection = await connectClient(portOf(proxy.listen));
    await roundTrip(connection);
  });
  const bad = runToxiproxyCommand(['--port', '0', '--allow-upstream', '10.0.0.0/99']);
  expect(await bad.exit).toBe(1);
  expect(bad.errors()).toContain('allowedUpstreams: "10.0.0.0/99" is not a host name');
});

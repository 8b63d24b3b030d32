import { test, expect } from '@playwright/test';
import { startRoamingWorld } from '../world/roaming-world.js';
import { runRoam } from './support/roam-cli.js';

// A world (or `roam lab up`) on an address other hosts can reach puts its control APIs (HLR
// admin, billing admin, element faults, the Toxiproxy API) within their reach: refused unless
// those APIs need a token (ROAM_ADMIN_TOKEN), or the risk is taken explicitly, and then said loudly.

const TOKEN = 'remote-host-token-7c2e';

/** Runs `fn` with environment variables set (or unset, for undefined), restoring them after. */
async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** What `fn` wrote to stderr. */
async function stderrOf(fn: () => Promise<void>): Promise<string> {
  const write = process.stderr.write.bind(process.stderr);
  let written = '';
  process.stderr.write = ((chunk: string | Uint8Array) => ((written += String(chunk)), true)) as typeof process.stderr.write;
  try {
    await fn();
  } finally {
    process.stderr.write = write;
  }
  return written;
}

test('a world on a non-loopback host without a token is refused before anything listens', async () => {
  await withEnv({ ROAM_ADMIN_TOKEN: undefined }, async () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10', 'lab.example.org']) {
      const outcome = await startRoamingWorld({ host, visited: ['208-01'] }).then(
        async (world) => (await world.close(), 'started'),
        (error: Error & { code?: string }) => error,
      );
      expect(outcome, host).not.toBe('started');
      expect((outcome as { code?: string }).code, host).toBe('ROAM_EXPOSED_CONTROL');
      expect((outcome as Error).message).toContain(`host ${JSON.stringify(host)} is reachable from other machines`);
      expect((outcome as Error).message).toContain('Set ROAM_ADMIN_TOKEN');
      expect((outcome as Error).message).toContain('allowRemote: true');
    }
  });
});

test('loopback hosts need nothing: 127.0.0.1, any 127.x address, ::1 and localhost say nothing', async () => {
  const { checkWorldExposure } = await import('../world/exposure.js');
  for (const host of ['127.0.0.1', '127.3.4.5', '::1', '[::1]', 'localhost']) {
    expect(checkWorldExposure({ host, token: undefined, allowRemote: false }), host).toBeUndefined();
  }
});

test('a non-loopback host is allowed with a token, or explicitly, and each says so loudly', async () => {
  const { checkWorldExposure } = await import('../world/exposure.js');
  const withToken = checkWorldExposure({ host: '0.0.0.0', token: TOKEN, allowRemote: false });
  expect(withToken).toMatch(/^\[roam\] WARNING: .*0\.0\.0\.0.*need the bearer token from ROAM_ADMIN_TOKEN/s);
  const explicit = checkWorldExposure({ host: '0.0.0.0', token: undefined, allowRemote: true });
  expect(explicit).toMatch(/\[roam\] WARNING: .*UNAUTHENTICATED.*HLR admin.*billing.*Toxiproxy API/s);
  expect(explicit).not.toContain(TOKEN);
});

test('with ROAM_ADMIN_TOKEN every control API of a world needs it, the Toxiproxy API included, and the world still works', async () => {
  await withEnv({ ROAM_ADMIN_TOKEN: TOKEN }, async () => {
    await using world = await startRoamingWorld({ visited: ['208-01'] });
    const bearer = { authorization: `Bearer ${TOKEN}` };
    const hlrAdmin = `${world.homeNetwork().hlrElement!.url}/admin/v1/subscribers/262019999999999`;
    expect((await fetch(hlrAdmin)).status).toBe(401);
    expect((await fetch(hlrAdmin, { headers: bearer })).status).toBe(404);
    expect((await fetch(`${world.toxiproxyUrl}/proxies`)).status).toBe(401);
    expect((await fetch(`${world.toxiproxyUrl}/proxies`, { headers: bearer })).status).toBe(200);
    // The world's own clients carry the token: faults go in, roamers attach.
    await using _ = await world.chaos.link('vlr:208-01 -> hlr:262-01').latency({ ms: 5 });
    const roamer = await world.subscribers.create();
    expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
  });
});

test('roam lab up --host 0.0.0.0 without a token is one line and exit 2; the flag to take the risk is named', async () => {
  const run = await runRoam(['lab', 'up', '--host', '0.0.0.0', '--port', '0'], { env: { ROAM_ADMIN_TOKEN: '' } });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/\[roam\] Failed to start the roaming world: host "0\.0\.0\.0" is reachable from other machines/);
  expect(run.stderr).toContain('--allow-remote');
  expect(run.stdout).not.toContain('Ready');
});

test('allowRemote on a loopback host changes nothing and prints no warning', async () => {
  // Tests bind loopback only: the warning on a remote host is checked on the pure function above.
  const written = await stderrOf(async () => {
    await withEnv({ ROAM_ADMIN_TOKEN: undefined }, async () => {
      await using world = await startRoamingWorld({ visited: ['208-01'], allowRemote: true });
      expect(world.links.length).toBeGreaterThan(0);
    });
  });
  expect(written).not.toContain('WARNING');
});

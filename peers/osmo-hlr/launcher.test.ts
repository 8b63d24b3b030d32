import { test, expect } from '@playwright/test';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { GsupClient } from '../gsup/gsup-client.js';
import { openProvisioning, provisionSubscriber } from './provisioning.js';
import { K, OPC, testImsi } from '../gsup/test-support/test-set-1.js';
import { OsmoHlrLaunchError } from './hlr-errors.js';
import { findOsmoHlr, startOsmoHlr } from './launcher.js';

test.skip(!findOsmoHlr(), 'osmo-hlr is not installed (apt-get install osmo-hlr)');

function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

test('instances started at once get their own 127.0.0.x addresses, and stop cleans up', async () => {
  const [a, b] = await Promise.all([startOsmoHlr(), startOsmoHlr()]);
  try {
    expect(a.address).toMatch(/^127\.0\.0\.\d+$/);
    expect(a.address).not.toBe(b.address);
    expect([a.gsupPort, a.vtyPort, a.ctrlPort]).toEqual([4222, 4258, 4259]);
    for (const hlr of [a, b]) {
      await using client = await GsupClient.connect({ host: hlr.address });
      expect(client.isOpen).toBe(true);
    }
    expect(a.logs()).toContain(`Available via telnet ${a.address} 4258`);
  } finally {
    await a.stop();
    await b.stop();
  }
  await a.stop(); // idempotent
  expect(existsSync(a.directory)).toBe(false);
  expect(await refused(a.address, 4222)).toBe(true);
});

test('an address already in use is refused with a clear error', async () => {
  await using first = await startOsmoHlr();
  const error = await startOsmoHlr({ address: first.address }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OsmoHlrLaunchError);
  expect((error as OsmoHlrLaunchError).code).toBe('ROAM_OSMO_HLR_LAUNCH');
  expect((error as Error).message).toMatch(
    new RegExp(`^\\[roam\\] Failed to start osmo-hlr: no usable 127\\.0\\.0\\.x address \\(${first.address.replaceAll('.', '\\.')}: `),
  );
});

test('a config osmo-hlr rejects, or a missing binary, fails with its log and a hint', async () => {
  const bad = (await startOsmoHlr({ hlrConfig: ['no-such-option 1'] }).catch((e: unknown) => e)) as OsmoHlrLaunchError;
  expect(bad).toBeInstanceOf(OsmoHlrLaunchError);
  expect(bad.message).toMatch(/osmo-hlr exited \(\d+\) before opening its ports/);
  expect(bad.log.length).toBeGreaterThan(0);

  const missing = await startOsmoHlr({ binary: '/nonexistent/osmo-hlr' }).catch((e: unknown) => e);
  expect(missing).toBeInstanceOf(OsmoHlrLaunchError);
  expect((missing as Error).message).toMatch(/the binary could not be run \(ENOENT\)\. Install it \(apt-get install osmo-hlr\)/);
  await expect(startOsmoHlr({ address: '10.0.0.1' })).rejects.toThrow(/is not a loopback address/);
});

test("osmo-hlr's debug log is kept with subscriber keys redacted", async () => {
  await using hlr = await startOsmoHlr({ logLevel: 'debug' });
  await using admin = await openProvisioning({ host: hlr.address });
  const imsi = testImsi(31);
  await provisionSubscriber(admin, { imsi, milenage: { k: K, opc: OPC } });
  await using vlr = await GsupClient.connect({ host: hlr.address });
  await vlr.sendAuthInfo(imsi, { count: 1 });
  // At debug level osmo-hlr prints `3G: k = <K>`; what we hand out must not.
  await expect.poll(() => hlr.logs()).toMatch(/3G: k = <redacted>/);
  expect(hlr.logs().toLowerCase()).not.toContain(K);
  expect(hlr.logs().toLowerCase()).not.toContain(OPC);
});

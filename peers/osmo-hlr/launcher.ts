/**
 * Starting a private osmo-hlr for a test: a generated config, a fresh SQLite
 * database in a temp dir, its own 127.0.0.x address, and a typed handle that
 * stops it and cleans up.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { candidateAddresses, tryClaimAddress, type AddressClaim } from './address-claim.js';
import { CTRL_PORT } from './ctrl.js';
import { GSUP_PORT } from '../gsup/gsup-client.js';
import { OsmoHlrLaunchError } from './hlr-errors.js';
import { OutputTail } from './output-tail.js';
import { scrubKeys } from './redact.js';
import { VTY_PORT } from './vty.js';
import { guardChild } from '../process-lifetime/child-guardian.js';
import type { OsmoHlrExit } from './osmo-hlr-exit.js';

/** How to start osmo-hlr. */
export interface OsmoHlrOptions {
  /** A 127.0.0.x address to use; default: the first free one. */
  readonly address?: string;
  /** Path of the binary; default: {@link findOsmoHlr}. */
  readonly binary?: string;
  /** Until GSUP and VTY accept connections. Default 10 000 ms. */
  readonly startTimeoutMs?: number;
  /** osmo-hlr's log level (its output is kept for {@link StartedOsmoHlr.logs}). Default `notice`. */
  readonly logLevel?: 'debug' | 'info' | 'notice' | 'error';
  /** Extra lines for the `hlr` node of the config, e.g. `subscriber-create-on-demand 5 cs+ps`. */
  readonly hlrConfig?: readonly string[];
}

/** A running osmo-hlr. */
export interface StartedOsmoHlr extends AsyncDisposable {
  readonly address: string;
  readonly gsupPort: number;
  readonly vtyPort: number;
  readonly ctrlPort: number;
  readonly pid: number;
  /** Where the generated config and database live (removed on stop). */
  readonly directory: string;
  /** What osmo-hlr wrote to stdout/stderr, the last 64 KiB, with key values (K, OPc, Ki) redacted. */
  logs(): string;
  /** SIGTERMs osmo-hlr (SIGKILL after 5 s), frees the address, removes the temp dir. Idempotent. */
  stop(): Promise<void>;
  /** How osmo-hlr ended, once it has; undefined while it runs. */
  exitStatus(): OsmoHlrExit | undefined;
}

// In a module of their own, so a world can describe an exit without loading the launcher.
export { describeOsmoHlrExit, type OsmoHlrExit } from './osmo-hlr-exit.js';

const INSTALL_HINT = 'Install it (apt-get install osmo-hlr) or pass { binary } / set OSMO_HLR_BIN';
const running = new Set<ChildProcess>();

/**
 * Where osmo-hlr is installed: `$OSMO_HLR_BIN`, else the first `osmo-hlr` on
 * PATH, else /usr/bin or /usr/local/bin; undefined when there is none.
 *
 * @example
 * ```ts
 * const path = findOsmoHlr();
 * test.skip(!path, 'osmo-hlr is not installed (apt-get install osmo-hlr)');
 * ```
 */
export function findOsmoHlr(): string | undefined {
  const fromEnv = process.env['OSMO_HLR_BIN'];
  const dirs = (process.env['PATH'] ?? '').split(delimiter).filter(Boolean);
  const candidates = [
    ...(fromEnv ? [fromEnv] : []),
    ...dirs.map((d) => join(d, 'osmo-hlr')),
    '/usr/bin/osmo-hlr',
    '/usr/local/bin/osmo-hlr',
  ];
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Starts osmo-hlr on its own loopback address and waits until its GSUP and
 * VTY ports accept connections.
 *
 * @throws {OsmoHlrLaunchError} when it is not installed, no address is free, it exits, or it never opens its ports.
 * @example
 * ```ts
 * await using hlr = await startOsmoHlr();
 * const client = await GsupClient.connect({ host: hlr.address });
 * ```
 */
export async function startOsmoHlr(options: OsmoHlrOptions = {}): Promise<StartedOsmoHlr> {
  const binary = options.binary ?? findOsmoHlr();
  if (!binary) throw new OsmoHlrLaunchError('no osmo-hlr binary was found', INSTALL_HINT);
  const addresses = options.address ? [checkAddress(options.address)] : candidateAddresses();
  const busy: string[] = [];
  for (const address of addresses) {
    const attempt = await tryClaimAddress(address, [GSUP_PORT, VTY_PORT, CTRL_PORT]);
    if ('busy' in attempt) {
      busy.push(`${address}: ${attempt.busy}`);
      continue;
    }
    try {
      return await launch(binary, attempt.claim, options);
    } catch (error) {
      await attempt.claim.release();
      // A port taken between our probe and osmo-hlr's bind: move on to the next address.
      if (!(error instanceof OsmoHlrLaunchError) || !/Address already in use/.test(error.log) || options.address) throw error;
      busy.push(`${address}: osmo-hlr could not bind`);
    }
  }
  throw new OsmoHlrLaunchError(
    `no usable 127.0.0.x address (${busy.slice(0, 3).join('; ')}${busy.length > 3 ? `; ${busy.length - 3} more` : ''})`,
    options.address
      ? 'Stop whatever listens on that address, or leave out { address } to pick a free one'
      : 'Stop stray osmo-hlr processes',
  );
}

async function launch(binary: string, claim: AddressClaim, options: OsmoHlrOptions): Promise<StartedOsmoHlr> {
  const { address } = claim;
  const directory = await mkdtemp(join(tmpdir(), 'roam-osmo-hlr-'));
  const configPath = join(directory, 'osmo-hlr.cfg');
  await writeFile(configPath, configFor(address, options));
  const output = new OutputTail(64 * 1024, scrubKeys);
  const child = spawn(binary, ['-c', configPath, '-l', join(directory, 'hlr.db'), '-s'], {
    cwd: directory,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  // Stopped and its folder removed even if this process is killed first (kill -9 included).
  const guard = child.pid !== undefined ? guardChild({ pid: child.pid, directories: [directory], label: 'osmo-hlr' }) : undefined;
  let stopRequested = false;
  let exit: OsmoHlrExit | undefined;
  child.once('exit', (code, signal) => {
    exit = { code, signal, at: new Date(), stopped: stopRequested };
  });
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  let spawnError: NodeJS.ErrnoException | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    // No 'close' follows when the binary could not be run at all.
    child.once('error', (error) => {
      spawnError = error;
      if (child.pid === undefined) resolve();
    });
  });
  void exited.then(() => running.delete(child));

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        stopRequested = true;
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(killer);
      }
      await claim.release();
      await rm(directory, { recursive: true, force: true });
      guard?.release();
    })());

  try {
    await waitUntilReady(child, address, options.startTimeoutMs ?? 10_000, output, () => spawnError);
  } catch (error) {
    if (child.pid !== undefined) child.kill('SIGKILL');
    await exited;
    await rm(directory, { recursive: true, force: true });
    guard?.release();
    throw error;
  }
  return {
    address,
    gsupPort: GSUP_PORT,
    vtyPort: VTY_PORT,
    ctrlPort: CTRL_PORT,
    pid: child.pid!,
    directory,
    logs: () => output.text(),
    exitStatus: () => exit,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

function configFor(address: string, options: OsmoHlrOptions): string {
  return [
    'log stderr',
    ' logging filter all 1',
    ' logging color 0',
    ' logging print category 1',
    ' logging timestamp 0',
    ` logging level set-all ${options.logLevel ?? 'notice'}`,
    'line vty',
    ` bind ${address} ${VTY_PORT}`,
    'ctrl',
    ` bind ${address}`,
    'hlr',
    ' gsup',
    `  bind ip ${address}`,
    ...(options.hlrConfig ?? []).map((line) => ` ${line}`),
    '',
  ].join('\n');
}

async function waitUntilReady(
  child: ChildProcess,
  address: string,
  timeoutMs: number,
  output: OutputTail,
  spawnError: () => NodeJS.ErrnoException | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const failed = spawnError();
    if (failed)
      throw new OsmoHlrLaunchError(`the binary could not be run (${failed.code ?? failed.message})`, INSTALL_HINT, output.text(), failed);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new OsmoHlrLaunchError(
        `osmo-hlr exited (${child.exitCode ?? child.signalCode}) before opening its ports on ${address}`,
        'Read its log below (the error property `log`); a bad hlrConfig line or a port in use are the usual causes',
        output.text(),
      );
    }
    if ((await accepts(address, GSUP_PORT)) && (await accepts(address, VTY_PORT)) && child.exitCode === null) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new OsmoHlrLaunchError(
    `GSUP and VTY on ${address} did not accept connections within ${timeoutMs} ms`,
    'Raise startTimeoutMs, or read the `log` property',
    output.text(),
  );
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function checkAddress(address: string): string {
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address)) {
    throw new OsmoHlrLaunchError(
      `address ${JSON.stringify(address)} is not a loopback address`,
      'Give a 127.0.0.x address, e.g. "127.0.0.5"',
    );
  }
  return address;
}

// A test runner killed mid-test must not leave osmo-hlr behind holding its address.
process.once('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});

/**
 * Children that must not outlive the harness process that started them
 * (osmo-hlr, Playwright's runner and workers), and the temp folders they
 * use. Three layers, so that `kill -9` of the harness leaves nothing behind:
 *
 * 1. the guardian process (see `guardian-source.ts`) stops each registered
 *    child (or process group) as soon as this process is gone, then
 *    removes its folders;
 * 2. a registry of what is running, one file per child under
 *    `<tmpdir>/roaming-harness-<uid>/`, which {@link sweepStaleChildren}
 *    reads at the next start, in case the guardian was killed too;
 * 3. a clean stop (the normal case) releases the registration.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GUARDIAN_SOURCE } from './guardian-source.js';
import { isSameProcess, startTimeOf } from './process-identity.js';

/** What to stop, and what to remove, if this process dies first. */
export interface GuardedChildOptions {
  /** The child's pid; with {@link group}, the id of the process group it leads (spawned with `detached: true`). */
  readonly pid: number;
  /** Signal the whole process group (the child and everything it started). */
  readonly group?: boolean;
  /** The first signal, e.g. `SIGINT` for Playwright to stop gracefully; `SIGKILL` follows after {@link graceMs}. Default SIGTERM. */
  readonly stopSignal?: NodeJS.Signals;
  /** How long the child has to stop before SIGKILL. Default 3000 ms. */
  readonly graceMs?: number;
  /** Folders to remove once it has stopped. */
  readonly directories?: readonly string[];
  /** What it is, for the registry, e.g. `osmo-hlr`. */
  readonly label: string;
}

/** A registration; release it once the child has stopped and its folders are gone. */
export interface GuardedChild {
  release(): void;
}

interface RegistryEntry {
  readonly id: string;
  readonly owner: number;
  readonly ownerStart: string | undefined;
  readonly pid: number;
  readonly group: boolean;
  readonly startTime: string | undefined;
  readonly signal: NodeJS.Signals;
  readonly graceMs: number;
  readonly directories: readonly string[];
  readonly label: string;
  readonly registry: string | undefined;
}

let guardian: ChildProcess | undefined;
let sequence = 0;
let swept = false;

/**
 * Registers a child to stop (and folders to remove) if this process dies
 * without doing it: `kill -9`, a crash, an uncaught exception.
 *
 * @example
 * ```ts
 * const child = spawn('osmo-hlr', args);
 * const guard = guardChild({ pid: child.pid!, directories: [dir], label: 'osmo-hlr' });
 * // ... later, after a clean stop:
 * guard.release();
 * ```
 */
export function guardChild(options: GuardedChildOptions): GuardedChild {
  if (!swept) {
    swept = true;
    sweepStaleChildren();
  }
  const id = `${process.pid}-${++sequence}`;
  const registry = registryDirectory();
  const file = registry ? join(registry, `${id}.json`) : undefined;
  const entry: RegistryEntry = {
    id,
    owner: process.pid,
    ownerStart: startTimeOf(process.pid),
    pid: options.pid,
    group: options.group ?? false,
    startTime: startTimeOf(options.pid),
    signal: options.stopSignal ?? 'SIGTERM',
    graceMs: options.graceMs ?? 3_000,
    directories: [...(options.directories ?? [])],
    label: options.label,
    registry: file,
  };
  if (file) {
    try {
      writeFileSync(file, JSON.stringify(entry), { mode: 0o600 });
    } catch {
      // The guardian still covers it.
    }
  }
  send({ add: entry });
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      send({ remove: id });
      if (file) rmSync(file, { force: true });
    },
  };
}

/**
 * Stops children that a harness process registered and left behind when it
 * died (and that its guardian did not stop, e.g. because it was killed as
 * well), and removes their folders. Runs at the first registration of each
 * process; `roam run` and `roam lab up` call it as they start.
 *
 * @param options.directory the registry to read; default `<tmpdir>/roaming-harness-<uid>`
 * @returns how many stale registrations were cleaned up
 */
export function sweepStaleChildren(options: { directory?: string } = {}): number {
  const registry = options.directory ?? registryDirectory();
  if (!registry) return 0;
  let cleaned = 0;
  for (const name of safeList(registry)) {
    if (!name.endsWith('.json')) continue;
    const path = join(registry, name);
    let entry: RegistryEntry;
    try {
      entry = JSON.parse(readFileSync(path, 'utf8')) as RegistryEntry;
    } catch {
      continue;
    }
    if (isSameProcess(entry.owner, entry.ownerStart)) continue;
    if (entry.group) {
      try {
        process.kill(-entry.pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    } else if (isSameProcess(entry.pid, entry.startTime)) {
      try {
        process.kill(entry.pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    for (const directory of entry.directories) rmSync(directory, { recursive: true, force: true });
    rmSync(path, { force: true });
    cleaned++;
  }
  return cleaned;
}

function send(message: unknown): void {
  const child = startGuardian();
  if (!child?.stdin || child.stdin.destroyed) return;
  child.stdin.write(`${JSON.stringify(message)}\n`);
}

function startGuardian(): ChildProcess | undefined {
  if (guardian && guardian.exitCode === null && guardian.signalCode === null) return guardian;
  try {
    guardian = spawn(process.execPath, ['-e', GUARDIAN_SOURCE, String(process.pid)], {
      // Its own process group: a terminal's Ctrl-C (or a kill of ours) does not take it along.
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      // Not the harness's NODE_OPTIONS (loaders, inspectors): a plain Node.
      env: { PATH: process.env['PATH'] ?? '' },
    });
  } catch {
    guardian = undefined;
    return undefined;
  }
  guardian.on('error', () => undefined);
  guardian.stdin?.on('error', () => undefined);
  // It must never keep this process alive.
  guardian.unref();
  (guardian.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return guardian;
}

/** The environment variable that moves the registry elsewhere (tests keep theirs apart with it). */
export const PROCESS_REGISTRY_ENV = 'ROAM_PROCESS_REGISTRY';

/** `<tmpdir>/roaming-harness-<uid>` (or `$ROAM_PROCESS_REGISTRY`), ours alone (mode 700, not a link); undefined when it cannot be. */
function registryDirectory(): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const directory = process.env[PROCESS_REGISTRY_ENV] || join(tmpdir(), `roaming-harness-${uid}`);
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const stat = lstatSync(directory);
    if (!stat.isDirectory() || stat.isSymbolicLink()) return undefined;
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return undefined;
    return directory;
  } catch {
    return undefined;
  }
}

function safeList(directory: string): string[] {
  try {
    return readdirSync(directory);
  } catch {
    return [];
  }
}

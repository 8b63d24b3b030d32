import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { join } from 'node:path';
import { guardChild } from '../peers/process-lifetime/child-guardian.js';

/** Signals `roam` passes on to Playwright, as a terminal would have sent them to it. */
const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `playwright test` in a child process with the given arguments,
 * streaming its output, and resolves with its exit code.
 *
 * Playwright runs in a process group of its own, which ends with this
 * process: Ctrl-C (SIGINT), SIGTERM and SIGHUP are forwarded to the whole
 * group (the runner and its workers), so Playwright ends its tests as
 * interrupted and writes its reports before this resolves; and if this
 * process is killed outright (`kill -9`), the guardian stops the group and
 * removes `temporaryDirectories`.
 */
export function runPlaywright(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; temporaryDirectories?: readonly string[] },
): Promise<number> {
  const require = createRequire(import.meta.url);
  const cli = join(require.resolve('@playwright/test/package.json'), '..', 'cli.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'test', ...args], {
      cwd: options.cwd,
      // No stdin: a background process group that reads the terminal would be stopped (SIGTTIN).
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...options.env },
      detached: true,
    });
    const pid = child.pid;
    const guard =
      pid !== undefined
        ? guardChild({
            pid,
            group: true,
            // As Ctrl-C would: Playwright stops its workers and writes its reports, then SIGKILL.
            stopSignal: 'SIGINT',
            graceMs: 10_000,
            directories: options.temporaryDirectories ?? [],
            label: 'playwright test',
          })
        : undefined;
    const forwarders = FORWARDED.map((signal) => {
      let told = false;
      const forward = () => {
        if (pid === undefined) return;
        if (!told) process.stderr.write(`[roam] ${signal}: stopping Playwright; the tests it stops are reported as interrupted...\n`);
        told = true;
        try {
          process.kill(-pid, signal);
        } catch {
          // The group has ended already.
        }
      };
      process.on(signal, forward);
      return () => process.off(signal, forward);
    });
    const done = () => {
      for (const stop of forwarders) stop();
      guard?.release();
    };
    child.on('error', (error) => {
      done();
      reject(error);
    });
    child.on('close', (code, signal) => {
      done();
      resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
    });
  });
}

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './inline-project.js';

/** The built `roam` command, as `npx roam` runs it. */
export const ROAM_CLI = join(repoRoot, 'dist', 'cli', 'main.js');

/** What a `roam` run printed and how it ended. */
export interface RoamRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved as they arrived, as a terminal shows them. */
  readonly output: string;
}

/**
 * Runs the built `roam` in a subprocess until it exits. `ROAM_DEBUG` is
 * cleared so errors are the one line users see; `env` adds to or overrides
 * the rest of this process's environment.
 */
export function runRoam(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RoamRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ROAM_CLI, ...args], {
      cwd: options.cwd ?? repoRoot,
      // No $COLUMNS from the developer's shell: output is not a terminal, so nothing wraps unless a test asks.
      env: { ...process.env, ROAM_DEBUG: '', COLUMNS: '', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.on('data', (d) => ((stdout += d), (output += d)));
    child.stderr.on('data', (d) => ((stderr += d), (output += d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, output }));
  });
}

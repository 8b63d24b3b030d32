import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Runs `playwright test` in a child process with the given arguments,
 * streaming its output, and resolves with its exit code.
 */
export function runPlaywright(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<number> {
  const require = createRequire(import.meta.url);
  const cli = join(require.resolve('@playwright/test/package.json'), '..', 'cli.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'test', ...args], {
      cwd: options.cwd,
      stdio: 'inherit',
      env: { ...process.env, ...options.env },
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

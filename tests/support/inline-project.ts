import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A small Playwright project written to disk, inside the repo so `roaming-harness` resolves to this package. */
export interface InlineProject {
  readonly dir: string;
  run(args?: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; output: string }>;
  remove(): void;
}

/**
 * Writes `files` (relative path -> content) to a fresh folder under `.inline/`
 * (gitignored) and returns a handle to run Playwright there.
 */
export function writeInlineProject(name: string, files: Record<string, string>): InlineProject {
  const dir = join(repoRoot, '.inline', `${name}-${process.pid}-${Date.now()}`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return {
    dir,
    run: (args = [], env = {}) => runNode([playwrightCli(), 'test', ...args], dir, env),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs `node <args>` in `cwd`, collecting stdout and stderr together. */
export function runNode(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, CI: '', FORCE_COLOR: '0', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function playwrightCli(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@playwright/test/package.json')), 'cli.js');
}

export { repoRoot };

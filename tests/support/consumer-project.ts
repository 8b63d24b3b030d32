import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, lstatSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from './inline-project.js';

/**
 * The npm cache the packaging tests share, under the OS's temporary folder,
 * so a second run installs from it instead of the registry.
 */
export const NPM_CACHE = join(tmpdir(), 'roaming-harness-npm-cache');

/** The Playwright releases the package supports: the oldest its peer range allows, and the newest it is tested with. */
export interface PlaywrightBounds {
  readonly range: string;
  readonly oldest: string;
  readonly newest: string;
}

/**
 * Both bounds come from package.json: the oldest is the floor of the
 * `@playwright/test` peer range (`^1.62.0`), the newest is the exact version
 * the project itself is developed and tested with (its devDependency).
 */
export function playwrightBounds(): PlaywrightBounds {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    peerDependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const range = manifest.peerDependencies['@playwright/test']!;
  const oldest = /^\^(\d+\.\d+\.\d+)$/.exec(range)?.[1];
  const newest = manifest.devDependencies['@playwright/test']!;
  if (!oldest || !/^\d+\.\d+\.\d+$/.test(newest)) {
    throw new Error(`package.json: expected a caret peer range and an exact devDependency for @playwright/test, got ${range} and ${newest}`);
  }
  return { range, oldest, newest };
}

/** What a command printed, and how it ended. */
export interface CommandResult {
  readonly code: number;
  readonly output: string;
}

/**
 * Runs a command (npm, npx, node...) in `cwd` with the shared npm cache,
 * killing it after `timeoutMs`.
 */
export function run(command: string, args: readonly string[], cwd: string, timeoutMs = 240_000, env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: {
        ...process.env,
        CI: '',
        FORCE_COLOR: '0',
        NO_COLOR: '1',
        npm_config_cache: NPM_CACHE,
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_update_notifier: 'false',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs} ms]`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

/** Null when the npm registry answers for `@playwright/test@version`; else why not, in one line. */
export async function registryProblem(version: string): Promise<string | null> {
  const answer = await run('npm', ['view', `@playwright/test@${version}`, 'version', '--prefer-online'], tmpdir(), 30_000).catch(
    (error: Error) => ({ code: 1, output: error.message }),
  );
  return answer.code === 0 && answer.output.includes(version)
    ? null
    : `the npm registry is unreachable (npm view @playwright/test@${version}: ${answer.output.trim().split('\n').pop()})`;
}

/**
 * Packs this package as `npm publish` would, from the dist/ already built
 * (scripts are not run, so packing never rebuilds dist/ under other tests).
 *
 * @returns the tarball's path, in a fresh temporary folder
 */
export async function packPackage(): Promise<string> {
  const into = mkdtempSync(join(tmpdir(), 'roam-pack-'));
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', into], repoRoot, 120_000);
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
  const [{ filename }] = JSON.parse(packed.output.slice(packed.output.indexOf('['))) as [{ filename: string }];
  return join(into, filename);
}

/** A fresh npm project under the OS's temporary folder, outside this repository. */
export interface ConsumerProject {
  readonly dir: string;
  write(path: string, content: string): void;
  remove(): void;
}

/** Makes an empty consumer project with `package.json` as given. */
export function consumerProject(name: string, manifest: Record<string, unknown>): ConsumerProject {
  const dir = mkdtempSync(join(tmpdir(), `roam-consumer-${name}-`));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `consumer-${name}`, version: '1.0.0', private: true, ...manifest }, null, 2)}\n`);
  return {
    dir,
    write(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Disk used by a folder tree, in bytes, as `du` counts it (allocated blocks; links not followed). */
export function diskUsage(path: string): number {
  const stat = lstatSync(path);
  let total = stat.blocks * 512;
  if (stat.isDirectory()) for (const name of readdirSync(path)) total += diskUsage(join(path, name));
  return total;
}

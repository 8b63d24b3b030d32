import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { join } from 'node:path';
import { toolVersions } from '../versions.js';

/** Who ran the tests, in Allure's `executor.json` form. */
export interface AllureExecutor {
  readonly name: string;
  /** e.g. `github`, `gitlab`, `jenkins`, `local`. */
  readonly type: string;
  readonly buildName?: string;
  readonly buildUrl?: string;
  readonly reportName?: string;
}

/**
 * The environment a run happened in, for the report's Environment panel:
 * the tool versions and the operating system, plus `extra` (HLR backend,
 * chaos backend and their versions, home and visited networks, ...).
 *
 * @example
 * ```ts
 * runEnvironment({ 'HLR backend': 'mock', 'chaos backend': 'embedded' })
 * ```
 */
export function runEnvironment(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { ...toolVersions(), os: `${platform()} ${release()} ${arch()}`, ...extra };
}

/**
 * Writes `environment.properties` into an Allure results folder, merged over
 * what is there already (the existing file's keys win, so a user's own
 * entries stay).
 *
 * @example
 * ```ts
 * writeAllureEnvironment('allure-results', runEnvironment({ 'chaos backend': 'embedded' }));
 * ```
 */
export function writeAllureEnvironment(resultsDir: string, environment: Readonly<Record<string, string>>): string {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, 'environment.properties');
  const existing = existsSync(path) ? parseProperties(readFileSync(path, 'utf8')) : {};
  const merged = { ...environment, ...existing };
  writeFileSync(
    path,
    Object.entries(merged)
      .map(([key, value]) => `${escapeProperty(key, true)}=${escapeProperty(value, false)}`)
      .join('\n') + '\n',
  );
  return path;
}

/**
 * Writes `executor.json` into an Allure results folder, unless one is there.
 *
 * @example
 * ```ts
 * writeAllureExecutor('allure-results', { name: 'roaming-harness', type: 'local' });
 * ```
 */
export function writeAllureExecutor(resultsDir: string, executor: AllureExecutor): string {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, 'executor.json');
  if (!existsSync(path)) writeFileSync(path, JSON.stringify(executor, null, 2) + '\n');
  return path;
}

function escapeProperty(text: string, isKey: boolean): string {
  let escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  if (isKey) escaped = escaped.replace(/([=: ])/g, '\\$1');
  return escaped.replace(/^ /, '\\ ');
}

function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || /^\s*[#!]/.test(line)) continue;
    const match = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(line.trim());
    if (match) out[match[1]!.replace(/\\(.)/g, '$1')] = match[2]!.replace(/\\n/g, '\n').replace(/\\(.)/g, '$1');
  }
  return out;
}

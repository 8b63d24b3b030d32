import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * The installed version of a package, or `undefined` when it is not
 * installed. Works for packages whose `exports` map hides `package.json`
 * (allure does) by walking up from the entry point.
 *
 * @example
 * ```ts
 * installedVersion('@playwright/test') // '1.65.1'
 * ```
 */
export function installedVersion(name: string): string | undefined {
  let entry: string;
  try {
    entry = require.resolve(`${name}/package.json`);
  } catch {
    try {
      entry = require.resolve(name);
    } catch {
      return undefined;
    }
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (parsed.name === name) return parsed.version;
  }
  return undefined;
}

/** This package's own version, from source or from `dist/`. */
export function harnessVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (parsed.name === 'roaming-harness') return parsed.version ?? '0.0.0';
  }
  return '0.0.0';
}

/**
 * The versions a run's evidence and report name: this package, Node, the
 * test runner, the Allure tools and the Toxiproxy client, plus `extra` (e.g.
 * the HLR and chaos backends' versions).
 *
 * @example
 * ```ts
 * toolVersions({ 'chaos.backend': 'embedded 2.12.0' })
 * ```
 */
export function toolVersions(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const versions: Record<string, string> = { 'roaming-harness': harnessVersion(), node: process.versions.node };
  for (const name of [
    '@playwright/test',
    'allure-playwright',
    'allure-js-commons',
    'allure',
    'toxiproxy-node-client',
  ]) {
    const version = installedVersion(name);
    if (version) versions[name] = version;
  }
  return { ...versions, ...extra };
}

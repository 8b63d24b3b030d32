/**
 * The union of several `allure-results` folders: Allure names results,
 * containers and attachments by UUID, so the shards' files sit side by side;
 * a file two shards both wrote (categories, executor) must agree, except
 * `environment.properties`, whose keys are merged (values that differ are
 * listed together).
 *
 * @module
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../../command.js';

/** What the union holds. */
export interface AllureUnion {
  /** Test results (`*-result.json`) in the union. */
  readonly results: number;
  readonly files: number;
}

/**
 * Copies every file of `sources` into `target` (created if need be).
 *
 * @throws {CliError} naming the file when two sources hold different files under one name.
 */
export function allureUnion(sources: readonly string[], target: string): AllureUnion {
  mkdirSync(target, { recursive: true });
  const environment = new Map<string, Set<string>>();
  const origin = new Map<string, string>();
  for (const source of sources) {
    for (const name of readdirSync(source)) {
      const from = join(source, name);
      if (!statSync(from).isFile()) continue;
      if (name === 'environment.properties') {
        for (const line of readFileSync(from, 'utf8').split(/\r?\n/)) {
          const at = line.indexOf('=');
          if (at <= 0) continue;
          const key = line.slice(0, at).trim();
          if (!environment.has(key)) environment.set(key, new Set());
          environment.get(key)!.add(line.slice(at + 1).trim());
        }
        continue;
      }
      const to = join(target, name);
      if (existsSync(to)) {
        if (!readFileSync(to).equals(readFileSync(from))) {
          throw new CliError(
            'merge the allure results',
            `${name} differs between ${origin.get(name) ?? target} and ${source}`,
            'Give each shard its own results folder; only files Allure names by UUID can be merged side by side',
          );
        }
        continue;
      }
      copyFileSync(from, to);
      origin.set(name, source);
    }
  }
  if (environment.size) {
    const lines = [...environment].map(([key, values]) => `${key}=${[...values].join(', ')}`);
    writeFileSync(join(target, 'environment.properties'), lines.join('\n') + '\n');
  }
  const files = readdirSync(target);
  return { results: files.filter((f) => f.endsWith('-result.json')).length, files: files.length };
}

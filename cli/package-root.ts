import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding roaming-harness's package.json, from source or from dist. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('/cli')) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('[roam] Failed to find the roaming-harness package root. Reinstall the package.');
    dir = parent;
  }
  return dir;
}

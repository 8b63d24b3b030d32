// What the build scripts (vendor.mjs, bundle.mjs) share: walking the
// compiled output, and loading esbuild, a devDependency they can do without.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir` whose name passes `keep`; folders for which `skip(path, name)` is true are left out. */
export function filesUnder(dir, keep, skip = () => false) {
  const out = [];
  const walk = (path) => {
    for (const name of readdirSync(path)) {
      const child = join(path, name);
      if (statSync(child).isDirectory()) {
        if (!skip(child, name)) walk(child);
      } else if (keep(name)) out.push(child);
    }
  };
  walk(dir);
  return out;
}

/** esbuild's API, or undefined (saying what the build does without it, `without`) when it is not installed. */
export async function importEsbuild(without) {
  try {
    return await import('esbuild');
  } catch {
    process.stderr.write(`[build] esbuild is not installed: ${without}\n`);
    return undefined;
  }
}

import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

/** The folder holding roaming-harness's package.json, from source or from dist. */
export function packageRoot(): string {
  let dir = dirname(self);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('[roam] Failed to find the roaming-harness package root. Reinstall the package.');
    dir = parent;
  }
  return dir;
}

/** A module of this package that something loads by its path (a worker, a child process, a reporter, a Playwright config). */
export interface PackageModule {
  /** Absolute path of the file. */
  readonly file: string;
  /** True when it is the TypeScript source (this repository's own tests run from source), which needs tsx or Playwright to load. */
  readonly typescript: boolean;
}

/**
 * Finds a module of this package by its path from the package's source root,
 * without extension: the compiled `<path>.js` in the output folder this code
 * runs from (`dist/`, or any other folder at the package's top), or the
 * TypeScript source `<path>.ts` when it runs from the sources. The built
 * package links modules into shared chunks, so code must not look for files
 * relative to its own.
 *
 * @example
 * ```ts
 * const host = packageModule('world/element-host/host-main');
 * ```
 * @throws when the file is not there.
 */
export function packageModule(path: string): PackageModule {
  const root = packageRoot();
  const typescript = self.endsWith('.ts');
  const output = typescript ? root : join(root, relative(root, self).split(sep)[0]!);
  const file = join(output, `${path}${typescript ? '.ts' : '.js'}`);
  if (!existsSync(file)) {
    throw new Error(
      `[roam] Failed to find ${relative(root, file)} in the roaming-harness package. Reinstall the package, or rebuild it with npm run build.`,
    );
  }
  return { file, typescript };
}

#!/usr/bin/env node
// Links the compiled modules of dist/ into one file per entry point, with the
// code that entry points share in dist/chunks/ (esbuild's code splitting), so
// each class exists once however many entry points a process imports.
//
// Why: Node loads an ES module graph file by file (resolve, stat, read,
// compile, link), and the world's import path is about 230 small modules; the
// same code in a handful of files loads in about two thirds of the time.
// Dependencies stay imports of their packages (zod and yaml come from
// dist/vendor/, see vendor.mjs). The declaration files are not touched.
//
// Every file something loads by its path must be an entry point, so it stays
// where it is: the package's exports and its bin (package.json), and the
// modules in LOADED_BY_PATH. Code in a chunk cannot find files relative to
// itself: the sources locate such files with peers/package-files.ts.
//
//   node scripts/bundle.mjs <outDir>     e.g. dist
//
// Without esbuild (a devDependency) dist/ keeps tsc's one file per module:
// slower to load, same behaviour.
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder, importEsbuild } from './build-files.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Modules loaded by their path rather than imported: worker and child-process entries, reporters and the demo's files. */
const LOADED_BY_PATH = ['world/element-host/host-main.js', 'cli/interrupted-reporter.js', 'cli/demo/*.js'];

/** The entry points, as paths inside `outDir`. */
function entryPoints(outDir) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const fromPackage = [
    ...Object.values(pkg.exports ?? {}).map((target) => (typeof target === 'string' ? target : target.default)),
    ...Object.values(pkg.bin ?? {}),
  ]
    .filter((path) => typeof path === 'string' && path.endsWith('.js'))
    .map((path) => relative('dist', path));
  const byPath = LOADED_BY_PATH.flatMap((pattern) => {
    if (!pattern.endsWith('/*.js')) return [pattern];
    const folder = pattern.slice(0, -'/*.js'.length);
    return readdirSync(join(outDir, folder))
      .filter((name) => name.endsWith('.js'))
      .map((name) => `${folder}/${name}`);
  });
  const entries = [...new Set([...fromPackage, ...byPath])];
  for (const entry of entries) {
    if (!existsSync(join(outDir, entry)))
      throw new Error(
        `[build] Failed to bundle: the entry point ${entry} is not in ${outDir}. Fix package.json or LOADED_BY_PATH in scripts/bundle.mjs.`,
      );
  }
  return entries;
}

/**
 * Replaces the compiled modules under `outDir` with one file per entry point
 * and shared chunks. Returns the number of entry points (0 when esbuild is
 * not installed).
 */
export async function bundleModules(outDir) {
  const esbuild = await importEsbuild('dist/ keeps one file per module (slower to load)');
  if (!esbuild) return 0;
  const entries = entryPoints(outDir);
  // Beside outDir, at the same depth: the source maps' relative paths stay right when the files move in.
  const staging = mkdtempSync(join(dirname(outDir), `.${basename(outDir)}-bundle-`));
  try {
    await esbuild.build({
      entryPoints: entries.map((entry) => join(outDir, entry)),
      outbase: outDir,
      outdir: staging,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Packages are the consumer's to install and dedupe; only our own modules are linked.
      packages: 'external',
      chunkNames: 'chunks/[name]-[hash]',
      // tsc's source maps are read in, so stack traces still point into the TypeScript sources.
      sourcemap: 'linked',
      legalComments: 'inline',
      logLevel: 'warning',
    });
    // Nothing half done: the compiled modules go only once the bundle is written.
    for (const file of filesUnder(outDir, (name) => name.endsWith('.js') || name.endsWith('.js.map'))) rmSync(file);
    for (const file of filesUnder(staging, () => true)) {
      const target = join(outDir, relative(staging, file));
      mkdirSync(dirname(target), { recursive: true });
      renameSync(file, target);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return entries.length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2];
  if (!outDir) {
    process.stderr.write('[roam] Failed to bundle: give the output folder, e.g. node scripts/bundle.mjs dist\n');
    process.exit(2);
  }
  process.stdout.write(`[build] ${await bundleModules(join(process.cwd(), outDir))} entry points bundled\n`);
}

#!/usr/bin/env node
// Bundles the few dependencies every suite loads on import (zod, yaml) into
// one file each under <outDir>/vendor/, and points the compiled modules at
// them. Node loads a package of 95 small modules much more slowly than the
// same code in one file, and these two sit on the import path of the
// fixtures and the world; zod's bundle keeps its English messages only. The
// packages stay dependencies: the declaration files refer to their types.
//
//   node scripts/vendor.mjs <outDir>     e.g. dist or .bench-build
//
// Without esbuild (a devDependency) the compiled modules keep importing the
// packages themselves: slower to load, same behaviour.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder, importEsbuild } from './build-files.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The packages bundled, by the name the sources import. */
export const VENDORED = ['zod', 'yaml'];

/**
 * zod's `locales` namespace holds the error messages of some fifty languages
 * (about half of the bundle); the sources never switch language, so the
 * bundle keeps English, zod's default, alone.
 */
const englishOnlyZodLocales = {
  name: 'english-only-zod-locales',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * The members of zod's `z` the compiled modules use, read from their text
 * (`z.object`, `z.enum`, also where a chain breaks the line after `z`), or
 * `undefined` when a module imports zod any other way than
 * `import { z } from 'zod'` (then the whole package is bundled). The
 * sources build every schema through `z`, so a `z` holding only these
 * members behaves the same, and the bundle drops what no schema can reach
 * (ISO formats, JSON Schema import, coercion, ...): less to parse on every
 * import of the fixtures.
 */
function zodMembersUsed(texts, exported) {
  const used = new Set();
  for (const text of texts) {
    // Every place the module names zod (import, bare import, re-export, dynamic import) must be `import { z } from 'zod'`.
    const named = text.match(/(?:from\s*|import\s*\(?\s*)['"]zod['"]/g)?.length ?? 0;
    if (named === 0) continue;
    if ((text.match(/import\s*\{\s*z\s*\}\s*from\s*['"]zod['"]/g)?.length ?? 0) !== named) return undefined;
    for (const member of text.matchAll(/\bz\s*\.\s*([A-Za-z_$][\w$]*)/g)) if (exported.has(member[1])) used.add(member[1]);
  }
  return [...used].sort();
}

/** The entry esbuild bundles for `pkg`: every export, or for zod a `z` of the members `texts` use. */
function entryOf(pkg, names, texts) {
  const members = pkg === 'zod' ? zodMembersUsed(texts, new Set(Object.keys(names.z ?? {}))) : undefined;
  if (members === undefined) {
    // Named exports spelled out: `export *` of a CommonJS package (yaml) would export nothing.
    return `export { ${Object.keys(names)
      .filter((name) => name !== '__esModule')
      .join(', ')} } from '${pkg}';`;
  }
  const local = (member) => `zod_${member}`;
  return [
    `import { ${members.map((member) => `${member} as ${local(member)}`).join(', ')} } from 'zod';`,
    `export const z = Object.freeze({ ${members.map((member) => `${member}: ${local(member)}`).join(', ')} });`,
  ].join('\n');
}

/** The license text of a package, kept at the top of its bundle. */
function licenseOf(pkg, how) {
  const folder = dirname(createRequire(join(root, 'package.json')).resolve(`${pkg}/package.json`));
  const file = readdirSync(folder).find((name) => /^licen[cs]e/i.test(name));
  const { version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  const text = file ? readFileSync(join(folder, file), 'utf8').trim() : '(see the package)';
  return `/*!\n * ${pkg} ${version}, bundled into one module by esbuild (${how}).\n *\n${text
    .split('\n')
    .map((line) => ` * ${line}`.trimEnd())
    .join('\n')}\n */`;
}

/**
 * Bundles each vendored package into `<outDir>/vendor/<name>.js` and rewrites
 * the compiled modules' imports of it. Returns the packages bundled (none
 * when esbuild is not installed).
 */
export async function vendorPackages(outDir) {
  const esbuild = await importEsbuild('the compiled modules import zod and yaml unbundled (slower to load)');
  if (!esbuild) return [];
  const vendor = join(outDir, 'vendor');
  mkdirSync(vendor, { recursive: true });
  // Read once: the zod entry is made from these texts, and their imports are rewritten below.
  const compiled = new Map(
    filesUnder(
      outDir,
      (name) => name.endsWith('.js'),
      (path, name) => path === vendor || name === 'node_modules',
    ).map((file) => [file, readFileSync(file, 'utf8')]),
  );
  for (const pkg of VENDORED) {
    await esbuild.build({
      stdin: { contents: entryOf(pkg, await import(pkg), compiled.values()), resolveDir: root, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Whitespace and syntax only: names stay readable in stack traces.
      minifyWhitespace: true,
      minifySyntax: true,
      legalComments: 'none',
      plugins: pkg === 'zod' ? [englishOnlyZodLocales] : [],
      // A CommonJS package's require() of Node's own modules, from inside an ES module.
      banner: {
        js: `${licenseOf(pkg, pkg === 'zod' ? 'English messages only; whitespace and syntax minified' : 'whitespace and syntax minified only')}\nimport { createRequire as __vendorRequire } from 'node:module';\nconst require = __vendorRequire(import.meta.url);`,
      },
      outfile: join(vendor, `${pkg}.js`),
      logLevel: 'warning',
    });
  }
  const specifier = new RegExp(`(from |import\\()(['"])(${VENDORED.join('|')})\\2`, 'g');
  for (const [file, text] of compiled) {
    const toVendor = relative(dirname(file), vendor).split(sep).join('/');
    const prefix = toVendor.startsWith('.') ? toVendor : `./${toVendor}`;
    const rewritten = text.replace(specifier, (_, head, quote, pkg) => `${head}${quote}${prefix}/${pkg}.js${quote}`);
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
  return VENDORED;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2];
  if (!outDir) {
    process.stderr.write('[roam] Failed to vendor: give the output folder, e.g. node scripts/vendor.mjs dist\n');
    process.exit(2);
  }
  await vendorPackages(join(process.cwd(), outDir));
}

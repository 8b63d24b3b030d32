#!/usr/bin/env node
// Builds dist/ with tsc, bundles the dependencies every import loads (see
// vendor.mjs), links the modules into one file per entry point with shared
// chunks (see bundle.mjs), then makes the `roam` bin executable: tsc writes files without
// the executable bit, and `npx roam` in a clone runs dist/cli/main.js directly.
//
//   node scripts/build.mjs             clean build
//   node scripts/build.mjs --if-stale  build only when a source, a tsconfig or
//                                      package.json changed since the last build
//                                      (`prepare` and `npm test` use this, so
//                                      `npm ci && npm test` compiles once)
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vendorPackages } from './vendor.mjs';
import { bundleModules } from './bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const stampFile = join(dist, '.build-stamp.json');
const bin = join(dist, 'cli', 'main.js');
const config = join(root, 'tsconfig.build.json');

/** Every input of the build: the .ts files tsconfig.build.json takes, the tsconfigs and package.json. */
function inputs() {
  const { include } = JSON.parse(readFileSync(config, 'utf8'));
  const files = [
    'tsconfig.json',
    'tsconfig.build.json',
    'package.json',
    'scripts/vendor.mjs',
    'scripts/bundle.mjs',
    'scripts/build-files.mjs',
  ];
  // The lockfile says which versions of the vendored packages are bundled.
  if (existsSync(join(root, 'package-lock.json'))) files.push('package-lock.json');
  const walk = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) if (name !== 'node_modules' && name !== 'test-support') walk(join(path, name));
    } else if (path.endsWith('.ts') && !/\.(test|spec)\.ts$/.test(path)) files.push(relative(root, path));
  };
  for (const entry of include) walk(join(root, entry));
  return files.sort();
}

/** The sources, and the newest modification time among them. */
function fingerprint() {
  const files = inputs();
  const newest = Math.max(...files.map((file) => statSync(join(root, file)).mtimeMs));
  return { files, newest };
}

function isFresh(current) {
  if (!existsSync(stampFile) || !existsSync(bin)) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    // A source added or removed needs a clean build too, so no stale output stays in dist/.
    return stamp.builtAfter >= current.newest && JSON.stringify(stamp.files) === JSON.stringify(current.files);
  } catch {
    return false;
  }
}

const current = fingerprint();
if (process.argv.includes('--if-stale') && isFresh(current)) {
  process.stdout.write('[build] dist/ is up to date\n');
  process.exit(0);
}

let tsc;
try {
  tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  process.stderr.write(
    '[roam] Failed to build roaming-harness: TypeScript is not installed. Run "npm install" in the package folder first (it installs the devDependencies).\n',
  );
  process.exit(1);
}

rmSync(dist, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', config], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
await vendorPackages(dist);
await bundleModules(dist);
chmodSync(bin, 0o755);
writeFileSync(stampFile, `${JSON.stringify({ builtAfter: current.newest, files: current.files })}\n`);

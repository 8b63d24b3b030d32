import { test, expect } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RoamError } from './errors.js';
import {
  installCommand,
  loadOptionalPeers,
  MissingPeerError,
  missingPeerOf,
  OPTIONAL_PEERS,
  requireOptionalPeers,
} from './optional-peers.js';

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

/** A folder outside the repository, where no package resolves. */
let outside: string;
test.beforeAll(() => {
  outside = mkdtempSync(join(tmpdir(), 'roam-peers-'));
  // A node_modules folder above the temporary folder (e.g. /tmp/node_modules) would make the peers resolve there.
  const resolvable = ['msw', '@testcontainers/toxiproxy'].filter((name) => {
    try {
      createRequire(join(outside, 'x.js')).resolve(name);
      return true;
    } catch {
      return false;
    }
  });
  if (resolvable.length)
    throw new Error(
      `${resolvable.join(' and ')} resolve from ${outside} through a node_modules folder above it; remove that folder to run these tests.`,
    );
});
test.afterAll(() => rmSync(outside, { recursive: true, force: true }));

test('the optional peers and their ranges are the ones package.json declares', () => {
  const optional = Object.entries(manifest.peerDependenciesMeta)
    .filter(([, meta]) => meta.optional)
    .map(([name]) => [name, manifest.peerDependencies[name]]);
  expect(Object.fromEntries(optional)).toEqual(OPTIONAL_PEERS);
});

test('a package missing for require names every peer the feature needs and the install line', () => {
  const require = createRequire(join(outside, 'x.js'));
  let thrown: unknown;
  try {
    requireOptionalPeers('mount network elements in MSW', ['msw'], () => require('msw'));
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(MissingPeerError);
  expect(thrown).toBeInstanceOf(RoamError);
  expect((thrown as MissingPeerError).code).toBe('ROAM_MISSING_PEER');
  expect((thrown as Error).message).toBe(
    '[roam] Failed to mount network elements in MSW: msw is not installed, an optional peer dependency of roaming-harness. ' +
      `Install it: npm install --save-dev msw@${OPTIONAL_PEERS.msw}.`,
  );
});

test('a package missing for import() is recognised too, and a note follows the install line', async () => {
  // A module outside the repository, so Node's ESM resolution really finds no testcontainers.
  const loader = join(outside, 'load.mjs');
  writeFileSync(loader, "export const load = () => import('@testcontainers/toxiproxy');\n");
  const { load } = (await import(pathToFileURL(loader).href)) as { load: () => Promise<unknown> };
  const error = await loadOptionalPeers(
    'start the container chaos backend',
    ['testcontainers', '@testcontainers/toxiproxy'],
    load,
    'Node 22.22+',
  ).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MissingPeerError);
  expect((error as MissingPeerError).missing).toEqual(['testcontainers', '@testcontainers/toxiproxy']);
  expect((error as Error).message).toContain(
    '@testcontainers/toxiproxy is not installed; it needs testcontainers and @testcontainers/toxiproxy, optional peer dependencies of roaming-harness.',
  );
  const testcontainers = Number(process.versions.node.split('.')[0]) >= 22 ? '12' : '11';
  expect((error as Error).message).toMatch(
    new RegExp(
      `Install them: npm install --save-dev testcontainers@\\^${testcontainers}\\S* @testcontainers/toxiproxy@\\^12\\S* \\(Node 22\\.22\\+\\)\\.$`,
    ),
  );
});

test('any other failure is passed on unchanged, including a different package not found', async () => {
  const boom = new Error('syntax error in the peer');
  await expect(loadOptionalPeers('x', ['msw'], () => Promise.reject(boom))).rejects.toBe(boom);
  const other = Object.assign(new Error("Cannot find package 'mswx' imported from /app/a.js"), { code: 'ERR_MODULE_NOT_FOUND' });
  expect(missingPeerOf(other, ['msw'])).toBeUndefined();
  const deep = Object.assign(new Error("Cannot find module 'msw/node' from /app"), { code: 'MODULE_NOT_FOUND' });
  expect(missingPeerOf(deep, ['msw'])).toBe('msw');
  expect(await loadOptionalPeers('x', ['msw'], () => 42)).toBe(42);
});

test('installCommand lists the peers with their supported ranges', () => {
  expect(installCommand(['allure'])).toBe(`npm install --save-dev allure@${OPTIONAL_PEERS.allure}`);
});

test('installCommand asks for the testcontainers major that loads on the Node it runs on', () => {
  expect(installCommand(['testcontainers'], 20)).toBe('npm install --save-dev testcontainers@^11.7.0');
  expect(installCommand(['testcontainers', '@testcontainers/toxiproxy'], 22)).toBe(
    'npm install --save-dev testcontainers@^12.1.0 @testcontainers/toxiproxy@^12.1.0',
  );
});

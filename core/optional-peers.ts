/**
 * Optional peer dependencies: packages only one feature needs (the Allure
 * CLI for `roam report`, testcontainers for the container chaos backend, MSW
 * for the MSW handlers), which a user installs beside roaming-harness only
 * when they use that feature. Each is loaded at the point of use, and a
 * missing one fails with the exact `npm install` line to run.
 *
 * @module
 */
import { RoamError } from './errors.js';

/**
 * Every optional peer and the range roaming-harness supports; the same
 * ranges as `peerDependencies` in package.json (a test keeps them equal).
 */
export const OPTIONAL_PEERS = {
  allure: '^3.18.0',
  msw: '^2.15.0',
  testcontainers: '^11.7.0 || ^12.1.0',
  '@testcontainers/toxiproxy': '^12.1.0',
} as const;

/**
 * What `npm install` is told for each peer: one major of the supported range,
 * the one that loads on this Node (testcontainers 12 needs Node 22).
 */
function installRange(name: OptionalPeer, nodeMajor: number): string {
  if (name === 'testcontainers') return nodeMajor >= 22 ? '^12.1.0' : '^11.7.0';
  return OPTIONAL_PEERS[name];
}

/** The name of an optional peer. */
export type OptionalPeer = keyof typeof OPTIONAL_PEERS;

/**
 * An optional peer a feature needs is not installed. Code `ROAM_MISSING_PEER`;
 * `missing` lists the packages to install.
 *
 * @example
 * ```ts
 * try { await buildHtmlReport() } catch (e) { if (e instanceof MissingPeerError) console.error(e.missing) }
 * ```
 */
export class MissingPeerError extends RoamError {
  /** The packages to install, e.g. `['allure']`. */
  readonly missing: readonly OptionalPeer[];

  /**
   * @param notFound the package Node could not find
   * @param missing every package the feature needs, all named in the install line
   */
  constructor(failedTo: string, notFound: OptionalPeer, missing: readonly OptionalPeer[], note: string | undefined, cause: unknown) {
    const needs = missing.length > 1 ? `; it needs ${missing.join(' and ')}, optional peer dependencies` : ', an optional peer dependency';
    super('ROAM_MISSING_PEER', failedTo, `${notFound} is not installed${needs} of roaming-harness`, {
      hint: `Install ${missing.length > 1 ? 'them' : 'it'}: ${installCommand(missing)}${note ? ` (${note})` : ''}`,
      cause,
    });
    this.missing = missing;
  }
}

/**
 * The `npm install` line for some optional peers, with their supported ranges.
 *
 * @example
 * ```ts
 * installCommand(['allure']) // 'npm install --save-dev allure@^3.18.0'
 * installCommand(['testcontainers'], 20) // 'npm install --save-dev testcontainers@^11.7.0'
 * ```
 */
export function installCommand(peers: readonly OptionalPeer[], nodeMajor = Number(process.versions.node.split('.')[0])): string {
  return `npm install --save-dev ${peers.map((name) => `${name}@${installRange(name, nodeMajor)}`).join(' ')}`;
}

/**
 * On Node 20 the container backend runs testcontainers 11, and
 * `@testcontainers/toxiproxy` (published for 12 only) must be pointed at it
 * with an `overrides` entry in the user's own package.json.
 */
export const CONTAINER_PEERS_ON_NODE_20 =
  'on Node 20, also add "overrides": { "@testcontainers/toxiproxy": { "testcontainers": "$testcontainers" } } to your package.json, as testcontainers 12 needs Node 22';

/**
 * Loads what a feature needs from optional peers, turning "package not found"
 * for one of `peers` into a {@link MissingPeerError} naming every one of them;
 * any other failure is passed on unchanged.
 *
 * @param failedTo what the feature was doing, e.g. `start the container chaos backend`
 * @param peers the packages `load` imports; all are named when one is missing
 * @param load the dynamic `import()`s (or `require`s), so bundlers and type checkers still see them
 * @param note said after the install line, e.g. a Node version the packages need
 * @example
 * ```ts
 * const { http } = await loadOptionalPeers('mount elements in MSW', ['msw'], () => import('msw'));
 * ```
 */
export async function loadOptionalPeers<T>(
  failedTo: string,
  peers: readonly OptionalPeer[],
  load: () => Promise<T> | T,
  note?: string,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw asMissingPeer(error, failedTo, peers, note);
  }
}

/**
 * {@link loadOptionalPeers} for synchronous loads (`require`, `require.resolve`).
 *
 * @example
 * ```ts
 * const cli = requireOptionalPeers('build the HTML report', ['allure'], () => require.resolve('allure'));
 * ```
 */
export function requireOptionalPeers<T>(failedTo: string, peers: readonly OptionalPeer[], load: () => T, note?: string): T {
  try {
    return load();
  } catch (error) {
    throw asMissingPeer(error, failedTo, peers, note);
  }
}

/** The peer a "not found" error is about, if it is one of `peers`; undefined for any other error. */
export function missingPeerOf(error: unknown, peers: readonly OptionalPeer[]): OptionalPeer | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return undefined;
  const text = String(message ?? '');
  // Node names the package (ESM: "Cannot find package 'msw'") or the request (CJS: "Cannot find module 'msw/...'").
  return peers.find((name) => new RegExp(`(package|module) '${name.replace(/[/.]/g, '\\$&')}(/[^']*)?'`).test(text));
}

function asMissingPeer(error: unknown, failedTo: string, peers: readonly OptionalPeer[], note: string | undefined): unknown {
  const notFound = missingPeerOf(error, peers);
  return notFound ? new MissingPeerError(failedTo, notFound, peers, note, error) : error;
}

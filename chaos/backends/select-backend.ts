/**
 * Choosing a chaos backend: explicitly (`backend` or `ROAM_CHAOS_BACKEND`)
 * or automatically, and saying which was chosen and why.
 *
 * @module
 */
import { ChaosError } from '../chaos-error.js';
import { CHAOS_BACKEND_KINDS, type ChaosBackendKind, type StartedChaosBackend } from './chaos-backend.js';
import { startContainerBackend, type ContainerBackendOptions } from './container-backend.js';
import { detectContainerRuntime } from './container-runtime.js';
import { startEmbeddedBackend } from './embedded-backend.js';
import { connectExternalBackend } from './external-backend.js';

/** Options of {@link selectChaosBackend}. */
export interface SelectChaosBackendOptions {
  /** Which backend; default `ROAM_CHAOS_BACKEND`, else `auto`. */
  readonly backend?: ChaosBackendKind | 'auto';
  /** A running Toxiproxy's API for `external`; default `TOXIPROXY_URL`. */
  readonly url?: string;
  /** Host of the embedded API (default 127.0.0.1). */
  readonly host?: string;
  /** Bearer token the embedded API requires; none by default (the other backends are not ours to guard). */
  readonly token?: string;
  /** Options of the container backend. */
  readonly container?: ContainerBackendOptions;
  /** The environment to read (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Starts the embedded backend somewhere else than this thread (e.g. a
   * world's element host) when the choice is `embedded`; default: here.
   */
  readonly startEmbedded?: (reason: string, host: string | undefined, token: string | undefined) => Promise<StartedChaosBackend>;
}

/** Which backend {@link selectChaosBackend} would start, and why, before anything starts. */
export interface ChaosBackendChoice {
  readonly kind: ChaosBackendKind;
  /** One line: why this backend, e.g. `auto: TOXIPROXY_URL is not set`. */
  readonly reason: string;
  /** Whether `auto` chose it (no backend was asked for). */
  readonly auto: boolean;
  /** The Toxiproxy API of the external backend. */
  readonly url?: string;
}

/**
 * Which chaos backend `options` choose, and why, without starting or
 * connecting to anything: `auto` takes `external` when `TOXIPROXY_URL` (or
 * `url`) is set, else `embedded`.
 *
 * @throws {ChaosError} naming the setting, for an unknown backend or `external` without a URL
 * @example
 * ```ts
 * if (chosenChaosBackend().kind !== 'embedded') test.skip(true, 'needs the embedded backend');
 * ```
 */
export function chosenChaosBackend(options: Pick<SelectChaosBackendOptions, 'backend' | 'url' | 'env'> = {}): ChaosBackendChoice {
  const env = options.env ?? process.env;
  const fromEnv = options.backend === undefined && env['ROAM_CHAOS_BACKEND'] !== undefined && env['ROAM_CHAOS_BACKEND'] !== '';
  const asked = options.backend ?? (fromEnv ? env['ROAM_CHAOS_BACKEND'] : 'auto');
  const setting = fromEnv ? 'ROAM_CHAOS_BACKEND' : 'backend';
  if (asked !== 'auto' && !CHAOS_BACKEND_KINDS.includes(asked as ChaosBackendKind)) {
    throw new ChaosError(
      'ROAM_CHAOS_BAD_BACKEND',
      'select a chaos backend',
      `${setting} is ${JSON.stringify(asked)}, not one of "auto", ${CHAOS_BACKEND_KINDS.map((k) => `"${k}"`).join(', ')}`,
      `Set ${setting} to one of those`,
    );
  }
  const url = options.url ?? (env['TOXIPROXY_URL'] || undefined);
  const urlSource = options.url !== undefined ? 'url' : 'TOXIPROXY_URL';
  const explicit = `explicit: ${setting} is "${asked}"`;
  switch (asked as ChaosBackendKind | 'auto') {
    case 'auto':
      return url !== undefined
        ? { kind: 'external', reason: `auto: ${urlSource} is set to ${url}`, auto: true, url }
        : { kind: 'embedded', reason: 'auto: TOXIPROXY_URL is not set', auto: true };
    case 'embedded':
      return { kind: 'embedded', reason: explicit, auto: false };
    case 'external':
      if (url === undefined) {
        throw new ChaosError(
          'ROAM_CHAOS_BAD_BACKEND',
          'select the external chaos backend',
          'no URL: neither url nor TOXIPROXY_URL is set',
          'Set TOXIPROXY_URL to a running Toxiproxy, e.g. http://127.0.0.1:8474',
        );
      }
      return { kind: 'external', reason: `${explicit}, at ${urlSource} ${url}`, auto: false, url };
    case 'container':
      return { kind: 'container', reason: explicit, auto: false };
  }
}

/**
 * Starts (or connects to) a chaos backend. `auto` takes `external` when
 * `TOXIPROXY_URL` (or `url`) is set, else `embedded`; `container` is used
 * only when asked for, as it pulls and runs an image.
 *
 * @throws {ChaosError} naming the setting, for an unknown backend, `external` without a URL, an unreachable URL, or `container` without a runtime
 * @example
 * ```ts
 * await using backend = await selectChaosBackend();
 * console.log(`${backend.kind}: ${backend.reason}`);
 * const chaos = new ChaosNetwork(backend);
 * ```
 */
export async function selectChaosBackend(options: SelectChaosBackendOptions = {}): Promise<StartedChaosBackend> {
  const choice = chosenChaosBackend(options);
  switch (choice.kind) {
    case 'external':
      return connectExternalBackend(choice.url!, choice.reason);
    case 'container':
      return startContainerBackend(choice.reason, options.container);
    case 'embedded':
      if (options.startEmbedded)
        return options.startEmbedded(
          choice.auto ? `${choice.reason}, so the embedded server was started` : choice.reason,
          options.host,
          options.token,
        );
      return startEmbeddedBackend(
        choice.auto
          ? `${choice.reason}, so the in-process embedded server was started (set ROAM_CHAOS_BACKEND=container for the real image)`
          : choice.reason,
        options.host,
        options.token,
      );
  }
}

/** Whether a backend kind can be used here, and why (not). */
export interface BackendAvailability {
  readonly kind: ChaosBackendKind;
  readonly available: boolean;
  /** One line: why it is available, or what is missing. */
  readonly reason: string;
}

/**
 * Which backends can run here, for suites that run once per backend and
 * skip the rest with the reason.
 *
 * @example
 * ```ts
 * for (const b of await availableChaosBackends()) test.describe(b.kind, () => { test.skip(!b.available, b.reason); ... });
 * ```
 */
export async function availableChaosBackends(
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<BackendAvailability[]> {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? 3_000;
  const url = env['TOXIPROXY_URL'] || undefined;
  const external = async (): Promise<BackendAvailability> => {
    if (url === undefined) return { kind: 'external', available: false, reason: 'TOXIPROXY_URL is not set' };
    try {
      const backend = await connectExternalBackend(url, 'availability check', timeoutMs);
      return { kind: 'external', available: true, reason: `Toxiproxy ${backend.version} at ${url}` };
    } catch (error) {
      return { kind: 'external', available: false, reason: `TOXIPROXY_URL ${url} does not answer` };
    }
  };
  const [externalAnswer, runtime] = await Promise.all([external(), detectContainerRuntime({ env, timeoutMs })]);
  return [
    { kind: 'embedded', available: true, reason: 'in-process, nothing to install' },
    externalAnswer,
    { kind: 'container', available: runtime.available, reason: runtime.reason },
  ];
}

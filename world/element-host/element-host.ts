/**
 * Where a world's network elements run: in the world's own thread (the
 * default), in a worker thread, or in a child process. Phones, the
 * simulator and the chaos proxies stay in the world's thread; with a host,
 * the HLRs, billing systems and VLRs (with the VLRs' clients) answer on an
 * event loop of their own, so on a machine with two cores or more the two
 * sides stop queueing behind each other.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LinkInfo } from '../../chaos/link-info.js';
import type { StartedChaosBackend } from '../../chaos/backends/chaos-backend.js';
import { embeddedBackendAt } from '../../chaos/backends/embedded-backend.js';
import { packageModule } from '../../peers/package-files.js';
import { ChargingCredentials } from '../../mocks/billing/charging-credential.js';
import type { PlmnId } from '../../simulator/plmn.js';
import { startHomeNetwork, type HomeNetworkInit, type StartedHomeNetwork } from '../home-network.js';
import { accessTimeoutMs, startVisitedNetwork, type StartedVisitedNetwork, type VisitedNetworkInit } from '../visited-network.js';
import { InvalidWorldOptionError, type ProxiesIn, type WorldOptions } from '../world-options.js';
import type { ResolvedSlot } from '../slots/element-slot.js';
import { ELEMENT_HOST_CHILD_ENV, type EmbeddedChaosDescriptor, type HomeDescriptor, type VisitedDescriptor } from './host-descriptors.js';
import { ElementHostError, HostRpc, type HostMessage, type HostPort } from './host-rpc.js';
import { PendingCalls, remoteHome, remoteVisited, type HostLink } from './remote-networks.js';

/** Where a world runs its elements: `in-process` (the default), a `worker` thread, or a child `process`. */
export type ElementHostKind = 'in-process' | 'worker' | 'process';

/** The kinds, for messages and option checks. */
export const ELEMENT_HOST_KINDS: readonly ElementHostKind[] = ['in-process', 'worker', 'process'];

/** The environment variable that sets the element host when the world option does not. */
export const ELEMENT_HOST_ENV = 'ROAM_ELEMENT_HOST';

/**
 * The element host for `option`, else `ROAM_ELEMENT_HOST`, else `in-process`.
 * @throws {InvalidWorldOptionError} for any other name.
 */
export function elementHostKindOf(option: string | undefined, env: NodeJS.ProcessEnv = process.env): ElementHostKind {
  return chosenOf('elementHost', option, ELEMENT_HOST_ENV, ELEMENT_HOST_KINDS, env);
}

/** The environment variable that sets where the proxies run when the world option does not. */
export const PROXIES_IN_ENV = 'ROAM_PROXIES_IN';

/** Where a world's proxies can run, the default first. */
const PROXIES_IN: readonly ProxiesIn[] = ['world', 'element-host', 'own-process'];

/**
 * Where the world's proxies run: `option`, else `ROAM_PROXIES_IN`, else `world`.
 * @throws {InvalidWorldOptionError} for any other name.
 */
export function proxiesInOf(option: string | undefined, env: NodeJS.ProcessEnv = process.env): ProxiesIn {
  return chosenOf('chaos.proxiesIn', option, PROXIES_IN_ENV, PROXIES_IN, env);
}

/** `option`, else the environment variable `envName`, else the first of `allowed`; anything else is refused. */
function chosenOf<T extends string>(
  name: string,
  option: string | undefined,
  envName: string,
  allowed: readonly T[],
  env: NodeJS.ProcessEnv,
): T {
  const chosen = option ?? (env[envName] || allowed[0]!);
  if (!allowed.includes(chosen as T)) {
    const names = allowed.map((k) => `'${k}'`);
    throw new InvalidWorldOptionError(
      name,
      chosen,
      `Use ${names.slice(0, -1).join(', ')} or ${names.at(-1)!} (option ${name} or ${envName}).`,
    );
  }
  return chosen as T;
}

/** The slots of a world, by role and PLMN (as `worldSlotsOf` resolves them). */
interface WorldSlots {
  readonly hlr: ReadonlyMap<string, ResolvedSlot>;
  readonly vlr: ReadonlyMap<string, ResolvedSlot>;
  readonly billing: ReadonlyMap<string, ResolvedSlot>;
}

/**
 * Refuses, before anything starts, a worker or child-process host for a
 * world with an element of the user's in a slot, or with billing
 * authentication other than the world's own credential: a host runs the
 * world's own elements (the built-in ones, and osmo-hlr) and nothing else.
 *
 * @throws {InvalidWorldOptionError} naming the slot or option that needs `in-process`.
 */
export function checkHostedSlots(kind: ElementHostKind, slots: WorldSlots, options: Pick<WorldOptions, 'billingAuth' | 'protocols'>): void {
  if (kind === 'in-process') return;
  const hint = "Run this world with elementHost: 'in-process' (the default)";
  for (const role of ['hlr', 'vlr', 'billing'] as const) {
    for (const [plmn, slot] of slots[role]) {
      if (slot.kind === 'external') {
        throw new InvalidWorldOptionError(
          'elementHost',
          kind,
          `The ${role} of ${plmn} is yours (${slot.url}); an element host runs the world's own elements only. ${hint}`,
        );
      }
    }
  }
  const overDiameter = Object.entries(options.protocols ?? {}).filter(([, protocol]) => protocol === 'diameter');
  if (overDiameter.length > 0) {
    throw new InvalidWorldOptionError(
      'elementHost',
      kind,
      `the links to ${overDiameter.map(([role]) => role).join(' and ')} speak Diameter (protocols); an element host serves its elements over HTTP only. ${hint}`,
    );
  }
  if (options.billingAuth) {
    throw new InvalidWorldOptionError(
      'elementHost',
      kind,
      `billingAuth is for billing systems given by URL; an element host's VLRs and billing share the world's credential only. ${hint}`,
    );
  }
}

/** Starts a world's networks where its elements run. */
export interface ElementHost {
  readonly kind: ElementHostKind;
  /** The world's charging credentials: its VLRs authenticate to its billing systems with them. */
  readonly credentials: ChargingCredentials;
  startHomeNetwork(init: HomeNetworkInit): Promise<StartedHomeNetwork>;
  startVisitedNetwork(init: VisitedNetworkInit): Promise<StartedVisitedNetwork>;
  /**
   * Starts the embedded Toxiproxy in the host, so the links' proxies run
   * beside the elements, off the world's thread. Absent for `in-process`,
   * where the world's thread is the host.
   */
  readonly startEmbeddedChaos?: (reason: string, host: string | undefined, token: string | undefined) => Promise<StartedChaosBackend>;
  /** Waits until everything sent to the host so far (links wired, provisioning) has been done there. */
  flush(): Promise<void>;
  /** Closes every network started here (and ends the worker or process). */
  close(): Promise<void>;
}

/**
 * Opens the element host of a world.
 *
 * @example
 * ```ts
 * const host = await openElementHost({ kind: 'worker', hashKey });
 * const home = await host.startHomeNetwork({ plmn: '262-01', agreements, host: '127.0.0.1', hlr: 'mock', hasher, credentials: host.credentials });
 * ```
 */
export async function openElementHost(options: { readonly kind: ElementHostKind; readonly hashKey: string }): Promise<ElementHost> {
  if (options.kind === 'in-process') {
    return {
      kind: 'in-process',
      credentials: ChargingCredentials.generate(),
      startHomeNetwork,
      startVisitedNetwork,
      flush: async () => undefined,
      close: async () => undefined,
    };
  }
  return openRemoteHost(options.kind, options.hashKey, 'elements');
}

/** A child process that runs only the world's embedded Toxiproxy (`chaos.proxiesIn: 'own-process'`). */
export type ProxyHost = Pick<ElementHost, 'close'> & Required<Pick<ElementHost, 'startEmbeddedChaos'>>;

/**
 * Opens a child process for the world's proxies alone, as a
 * `toxiproxy-server` beside the tests would run them: off the world's
 * thread and off the elements' event loop, so on two cores the phones,
 * the proxies and the elements each get a share of the machine.
 *
 * @example
 * ```ts
 * const proxies = await openProxyHost(hashKey);
 * const backend = await selectChaosBackend({ startEmbedded: proxies.startEmbeddedChaos });
 * ```
 */
export async function openProxyHost(hashKey: string): Promise<ProxyHost> {
  const host = await openRemoteHost('process', hashKey, 'proxies');
  return { startEmbeddedChaos: host.startEmbeddedChaos!, close: () => host.close() };
}

async function openRemoteHost(kind: 'worker' | 'process', hashKey: string, runs: 'elements' | 'proxies'): Promise<ElementHost> {
  const where = runs === 'proxies' ? "the proxies' child process" : kind === 'worker' ? 'a worker thread' : 'a child process';
  const name = runs === 'proxies' ? "the proxies' host" : 'the element host';
  let chaos: VisitedNetworkInit['chaos'] | undefined;
  const started = startHost(kind, name);
  const rpc = new HostRpc(started.port, {
    addLink: (name: string, upstream: string): Promise<LinkInfo> => {
      if (!chaos) throw new ElementHostError(`add link ${name}`, 'no chaos network was given to the element host yet');
      return chaos.addLink(name, upstream);
    },
  });
  started.onExit((reason) =>
    rpc.fail(new ElementHostError(`reach ${name}`, `${where} ended (${reason})`, { hint: "See the host's output above" })),
  );
  const chargingSecret = randomBytes(32).toString('base64url');
  const pending = new PendingCalls();
  const homes: (StartedHomeNetwork & { refreshBilling(): Promise<void> })[] = [];
  const link: HostLink = {
    rpc,
    pending,
    where,
    refreshBilling: async () => void (await Promise.all(homes.map((h) => h.refreshBilling()))),
  };
  try {
    await rpc.call('init', { hashKey, chargingSecret });
  } catch (error) {
    await started.stop();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    kind,
    credentials: new ChargingCredentials(chargingSecret),
    async startHomeNetwork(init) {
      const descriptor = await rpc.call<HomeDescriptor>('startHome', {
        plmn: init.plmn,
        agreements: init.agreements.all(),
        host: init.host,
        // checkHostedSlots let through only the world's own HLRs: ours or osmo-hlr.
        hlr: hlrBackendOf(init.hlr),
        ...(init.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: init.requestTimeoutMs }),
      });
      const home = remoteHome(descriptor, link);
      homes.push(home);
      return home;
    },
    async startVisitedNetwork(init) {
      chaos = init.chaos;
      const descriptor = await rpc.call<VisitedDescriptor>('startVisited', {
        plmn: init.plmn,
        homes: [...init.homes.keys()] as PlmnId[],
        agreements: init.agreements.all(),
        host: init.host,
        ...(init.charging ? { charging: init.charging } : {}),
        ...(init.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: init.requestTimeoutMs }),
      });
      return remoteVisited(descriptor, link, accessTimeoutMs(init.requestTimeoutMs));
    },
    async startEmbeddedChaos(reason, host, token) {
      const { url } = await rpc.call<EmbeddedChaosDescriptor>('startChaos', host, token);
      return embeddedBackendAt(
        { url, close: async () => void (await rpc.call('closeChaos').catch(() => undefined)) },
        runs === 'proxies'
          ? `${reason} in a child process of its own, off the world's thread and the elements' host`
          : `${reason} in the element host (${where}), where the proxies run beside the elements`,
        token,
      );
    },
    flush: () => pending.flush(),
    close: () =>
      (closing ??= (async () => {
        await pending.flush().catch(() => undefined);
        await rpc.call('close').catch(() => undefined);
        await started.stop();
      })()),
  };
}

function hlrBackendOf(hlr: HomeNetworkInit['hlr']): 'mock' | 'osmo-hlr' {
  if (typeof hlr === 'string') return hlr === 'osmo-hlr' ? 'osmo-hlr' : 'mock';
  return hlr.kind === 'osmo-hlr' ? 'osmo-hlr' : 'mock';
}

interface StartedHostProcess {
  readonly port: HostPort;
  onExit(listener: (reason: string) => void): void;
  stop(): Promise<void>;
}

/** The host's entry: the compiled JavaScript, or the TypeScript source run through tsx. */
function hostEntry(): { readonly url: URL; readonly typescript: boolean } {
  const { file, typescript } = packageModule('world/element-host/host-main');
  return { url: pathToFileURL(file), typescript };
}

/** tsx's module hooks, for running the host from TypeScript sources (this repository's own tests). */
function tsxUrl(specifier: 'tsx' | 'tsx/esm/api'): string {
  try {
    return import.meta.resolve(specifier);
  } catch {
    throw new ElementHostError('start the element host', 'it runs from TypeScript sources and tsx is not installed', {
      hint: 'Build the package (npm run build) or install tsx',
    });
  }
}

function startHost(kind: 'worker' | 'process', name: string): StartedHostProcess {
  const entry = hostEntry();
  if (kind === 'worker') {
    // A worker does not inherit the loader hooks of --import: register tsx inside it first.
    const url = entry.typescript
      ? new URL(
          'data:text/javascript,' +
            encodeURIComponent(
              `import { register } from ${JSON.stringify(tsxUrl('tsx/esm/api'))}; register(); await import(${JSON.stringify(entry.url.href)});`,
            ),
        )
      : entry.url;
    const worker = new Worker(url, { workerData: { roamElementHost: true } });
    let exited = false;
    const exit = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    void exit.then(() => (exited = true));
    return {
      port: { post: (m) => worker.postMessage(m), onMessage: (listener) => worker.on('message', listener) },
      onExit: (listener) => {
        worker.once('error', (error) => listener(error.message));
        worker.once('exit', (code) => listener(`exit code ${code}`));
      },
      stop: async () => {
        if (!exited) await worker.terminate();
      },
    };
  }
  const child: ChildProcess = fork(fileURLToPath(entry.url), [], {
    execArgv: entry.typescript ? ['--import', tsxUrl('tsx')] : [],
    env: { ...process.env, [ELEMENT_HOST_CHILD_ENV]: '1' },
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    port: {
      post: (m) => {
        if (child.connected) child.send(m);
        else throw new ElementHostError(`reach ${name}`, 'its process has ended');
      },
      onMessage: (listener) => child.on('message', (m) => listener(m as HostMessage)),
    },
    onExit: (listener) => {
      child.once('error', (error) => listener(error.message));
      child.once('exit', (code, signal) => listener(signal ? `signal ${signal}` : `exit code ${code}`));
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exit;
    },
  };
}

/**
 * A built-in element served over Diameter as well as over HTTP: the HTTP
 * element keeps its admin API (provisioning, CDR reads) and its state, and
 * a Diameter server in front of the same state answers the VLRs. The two
 * live and die together: a crash of the element resets every Diameter
 * connection and stops listening, as a killed process would, and a restart
 * listens again on the same port.
 *
 * @module
 */
import type { ServedElement } from '../../mocks/element/served-element.js';
import type { DiameterServer } from '../../peers/diameter/peer-server.js';

/** Starts the Diameter server of an element, on `port` when given (a restart), else on an ephemeral one. */
export type ServeDiameter = (port: number | undefined) => Promise<{ readonly server: DiameterServer }>;

/** An element with its Diameter front. */
export interface FrontedElement<S> {
  /** The element, whose crash and restart take the Diameter front down and up too. */
  readonly element: ServedElement<S>;
  /** `host:port` of the Diameter server. */
  readonly address: string;
  /** The port of the Diameter server (the same across restarts). */
  readonly port: number;
}

/**
 * Serves `element`'s Diameter front and ties it to the element's life.
 *
 * @example
 * ```ts
 * const { element, address } = await withDiameterFront(hlr, (port) => DiameterHss.serve({ hlr: liveState(hlr), identity, port }));
 * ```
 */
export async function withDiameterFront<S>(element: ServedElement<S>, serve: ServeDiameter): Promise<FrontedElement<S>> {
  let front: DiameterServer | undefined = (await serve(undefined)).server;
  const port = front.port;
  const address = `${front.host}:${port}`;
  const stop = async (abrupt: boolean) => {
    const current = front;
    front = undefined;
    await (abrupt ? current?.abort() : current?.close());
  };
  const fronted: ServedElement<S> = {
    name: element.name,
    host: element.host,
    port: element.port,
    url: element.url,
    address: element.address,
    get state() {
      return element.state;
    },
    faults: element.faults,
    log: element.log,
    get isUp() {
      return element.isUp;
    },
    crash: async () => {
      await element.crash();
      await stop(true);
    },
    restart: async (options) => {
      await element.restart(options);
      front ??= (await serve(port)).server;
    },
    close: async () => {
      await stop(false);
      await element.close();
    },
    [Symbol.asyncDispose]: () => fronted.close(),
  };
  return { element: fronted, address, port };
}

/**
 * A stand-in for an element's state that always reaches the state served
 * now: a restart without state replaces the element's state object, and a
 * Diameter front made with the first one must answer from the new one.
 */
export function liveState<S extends object>(element: { readonly state: S }): S {
  return new Proxy({} as S, {
    get(_target, property) {
      const state = element.state;
      const value: unknown = Reflect.get(state, property, state);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(state) : value;
    },
  });
}

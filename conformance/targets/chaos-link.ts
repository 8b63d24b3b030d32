import { startEmbeddedBackend } from '../../chaos/backends/embedded-backend.js';
import { ChaosNetwork } from '../../chaos/chaos-network.js';
import type { LinkFaults } from '../../chaos/link-faults.js';
import { LOCAL_ADDRESSING } from '../../chaos/backends/link-addressing.js';

/** The proxy a suite puts in front of the implementation under test, as a world does in front of every element. */
export interface ChaosLink {
  /** `host:port` the suite connects to. */
  readonly listen: string;
  /** Faults on the link (partition, reset, latency…). */
  readonly faults: LinkFaults;
  close(): Promise<void>;
}

/**
 * Starts an embedded Toxiproxy with one link, `<from> -> <to>` (by default
 * `conformance -> <role>:under-test`), forwarding to `upstream`; its proxy
 * listens on `listen` (`host:port`) when given, for an element configured
 * with a fixed address, else on an ephemeral port.
 *
 * @example
 * ```ts
 * const link = await openChaosLink('hlr', '127.0.0.1:7001');
 * const cut = await link.faults.partition();
 * ```
 */
export async function openChaosLink(
  role: string,
  upstream: string,
  options: { readonly listen?: string; readonly name?: string } = {},
): Promise<ChaosLink> {
  const backend = await startEmbeddedBackend('the conformance suite puts a proxy in front of the implementation under test');
  try {
    const fixed = options.listen;
    const chaos = new ChaosNetwork(fixed ? { ...backend, addressing: { ...LOCAL_ADDRESSING, listenFor: () => fixed } } : backend);
    const name = options.name ?? `conformance -> ${role}:under-test`;
    const info = await chaos.addLink(name, upstream);
    return {
      listen: info.listen,
      faults: chaos.link(name),
      close: async () => {
        await chaos.removeLinks().catch(() => undefined);
        await backend.close();
      },
    };
  } catch (error) {
    await backend.close();
    throw error;
  }
}

/**
 * A recording of the Diameter traffic of a run: every message as a report
 * step with its decoded AVPs (identities rendered by the caller, keys never
 * shown), and all of it as a pcap for Wireshark. Give {@link DiameterTrace.onTraffic}
 * to any number of clients and servers; when both ends of a connection are
 * ours, each message is kept once.
 *
 * @module
 */
import { writeFile } from 'node:fs/promises';
import { BASE } from '../../protocols/diameter/dictionary-base.js';
import { findAvp } from '../../protocols/diameter/avp-access.js';
import { describeMessage, type DescribedMessage, type IdentityRenderer } from '../../protocols/diameter/describe.js';
import { PcapWriter, type Endpoint } from '../../protocols/diameter/pcap-writer.js';
import type { DiameterTraffic } from './peer-connection.js';

/** One message of a trace, as a report step shows it. */
export interface DiameterStep {
  /** ms since the epoch. */
  readonly at: number;
  /** The sender: its Origin-Host when the message has one, else `address:port`. */
  readonly from: string;
  /** `address:port` of the receiver. */
  readonly to: string;
  /** e.g. `AIR`, `CCA`. */
  readonly name: string;
  readonly message: DescribedMessage | undefined;
  /** Set when the bytes did not decode. */
  readonly undecodable?: { readonly bytes: number };
}

/**
 * Records Diameter traffic.
 *
 * @example
 * ```ts
 * const trace = new DiameterTrace({ identity: (kind, value) => hasher.subscriber(value) });
 * const client = new DiameterClient({ ..., onTraffic: trace.onTraffic });
 * // ... run the scenario ...
 * await trace.writePcap(testInfo.outputPath('diameter.pcap'));
 * ```
 */
export class DiameterTrace {
  readonly #steps: DiameterStep[] = [];
  readonly #pcap: PcapWriter;
  readonly #identity: IdentityRenderer | undefined;
  /** Messages seen from one end, waiting to be seen (and skipped) from the other. */
  readonly #unmatched = new Set<string>();

  /**
   * @param options `identity`: how IMSIs and MSISDNs show in steps (hidden by default);
   * `rewritePorts`: ports shown as others in the pcap (e.g. a server's to 3868).
   */
  constructor(options: { identity?: IdentityRenderer; rewritePorts?: ReadonlyMap<number, number> } = {}) {
    this.#identity = options.identity;
    this.#pcap = new PcapWriter(options.rewritePorts ? { rewritePorts: options.rewritePorts } : {});
  }

  /** The hook to give as `onTraffic`. */
  readonly onTraffic = (traffic: DiameterTraffic): void => {
    const [source, destination] = traffic.direction === 'sent' ? [traffic.local, traffic.remote] : [traffic.remote, traffic.local];
    const key = `${endpoint(source)}>${endpoint(destination)}|${traffic.bytes.subarray(0, 20).toString('hex')}|${traffic.bytes.length}`;
    if (this.#unmatched.delete(key)) return;
    this.#unmatched.add(key);
    if (this.#unmatched.size > 10_000) this.#unmatched.delete(this.#unmatched.values().next().value!);
    this.#pcap.add(traffic.at, source, destination, traffic.bytes);
    const message = traffic.message ? describeMessage(traffic.message, this.#identity ? { identity: this.#identity } : {}) : undefined;
    const originHost = traffic.message && findAvp(traffic.message.avps, BASE.OriginHost)?.data.toString('utf8');
    this.#steps.push({
      at: traffic.at,
      from: originHost ?? endpoint(source),
      to: endpoint(destination),
      name: message?.abbreviation ?? 'undecodable',
      message,
      ...(message ? {} : { undecodable: { bytes: traffic.bytes.length } }),
    });
  };

  /** Every message so far, in order. */
  get steps(): readonly DiameterStep[] {
    return this.#steps;
  }

  /** The traffic as a pcap file. */
  pcap(): Buffer {
    return this.#pcap.toBuffer();
  }

  /** Writes the pcap to `path`. */
  async writePcap(path: string): Promise<void> {
    await writeFile(path, this.pcap());
  }
}

function endpoint(e: Endpoint): string {
  return `${e.address}:${e.port}`;
}

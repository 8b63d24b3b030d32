/**
 * The pcap of a world's Diameter traffic: every message its VLRs, HSSs and
 * OCSs send or receive, on both sides of each chaos proxy (as a capture on
 * the loopback interface would show it), written when the world closes.
 * The servers' and proxies' ports are shown as 3868, so Wireshark decodes
 * Diameter without "Decode As".
 *
 * @module
 */
import { writeFile } from 'node:fs/promises';
import { DIAMETER_PORT } from '../../peers/diameter/diameter-url.js';
import type { DiameterTraffic } from '../../peers/diameter/peer-types.js';
import { PcapWriter, type Endpoint } from '../../protocols/diameter/pcap-writer.js';

/** Messages kept at most (a long run's pcap stops growing there, and says so). */
export const MAX_PCAP_MESSAGES = 200_000;

interface Captured {
  readonly at: number;
  readonly source: Endpoint;
  readonly destination: Endpoint;
  readonly bytes: Buffer;
}

/**
 * Collects a world's Diameter traffic for a pcap.
 *
 * @example
 * ```ts
 * const pcap = new WorldPcap('run.pcap');
 * const hss = await DiameterHss.serve({ ..., onTraffic: pcap.onTraffic });
 * pcap.serviceAt(`${hss.host}:${hss.port}`);
 * await pcap.write();
 * ```
 */
export class WorldPcap {
  readonly path: string;
  readonly #captured: Captured[] = [];
  readonly #servicePorts = new Set<number>();
  #dropped = 0;

  /** @param path where {@link write} puts the pcap */
  constructor(path: string) {
    this.path = path;
  }

  /** The hook to give every Diameter client and server of the world as `onTraffic`. */
  readonly onTraffic = (traffic: DiameterTraffic): void => {
    if (this.#captured.length >= MAX_PCAP_MESSAGES) return void this.#dropped++;
    const [source, destination] = traffic.direction === 'sent' ? [traffic.local, traffic.remote] : [traffic.remote, traffic.local];
    this.#captured.push({ at: traffic.at, source, destination, bytes: traffic.bytes });
  };

  /** Shows the port of `address` (`host:port`: a Diameter server, or a proxy in front of one) as 3868 in the pcap. */
  serviceAt(address: string): void {
    this.#servicePorts.add(Number(address.slice(address.lastIndexOf(':') + 1)));
  }

  /** Messages captured so far. */
  get messages(): number {
    return this.#captured.length;
  }

  /** Messages not captured because the pcap was full. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Writes the pcap to {@link path}. */
  async write(): Promise<void> {
    const writer = new PcapWriter({ rewritePorts: new Map([...this.#servicePorts].map((port) => [port, DIAMETER_PORT])) });
    for (const c of [...this.#captured].sort((a, b) => a.at - b.at)) writer.add(c.at, c.source, c.destination, c.bytes);
    await writeFile(this.path, writer.toBuffer());
  }
}

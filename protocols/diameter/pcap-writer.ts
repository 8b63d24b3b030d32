/**
 * Writes Diameter traffic as a libpcap file that Wireshark and tshark open
 * directly: every message becomes a TCP segment in a synthesized IPv4 (or
 * IPv6) packet on the real addresses and ports (LINKTYPE_RAW), each
 * connection opening with a three-way handshake and sequence numbers that
 * follow the bytes, so TCP analysis finds nothing missing. Wireshark decodes
 * TCP port 3868 as Diameter by itself; for other ports use "Decode As" (or
 * `tshark -d tcp.port==<port>,diameter`), or map the server ports to 3868
 * with `rewritePorts`.
 *
 * @module
 */
import { isIPv4 } from 'node:net';
import { DiameterEncodeError } from './errors.js';

/** One end of a TCP connection. */
export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

/** pcap's link type for raw IP packets (version from the first nibble). */
export const LINKTYPE_RAW = 101;

const TCP_FIN = 0x01;
const TCP_SYN = 0x02;
const TCP_PSH = 0x08;
const TCP_ACK = 0x10;
/** Payload per segment: well under the IPv4 total-length limit. */
const SEGMENT_BYTES = 16_384;

interface Flow {
  readonly client: Endpoint;
  /** Next sequence number of each side. */
  clientSeq: number;
  serverSeq: number;
  closed: boolean;
}

/**
 * Collects TCP payloads and renders them as a pcap file.
 *
 * @example
 * ```ts
 * const pcap = new PcapWriter({ rewritePorts: new Map([[hssPort, 3868]]) });
 * pcap.add(Date.now(), { address: '127.0.0.1', port: 40000 }, { address: '127.0.0.1', port: hssPort }, airBytes);
 * writeFileSync('run.pcap', pcap.toBuffer());
 * ```
 */
export class PcapWriter {
  readonly #records: Buffer[] = [];
  readonly #flows = new Map<string, Flow>();
  readonly #rewrite: ReadonlyMap<number, number>;

  /** @param options `rewritePorts`: ports shown as others (e.g. a server's ephemeral port as 3868). */
  constructor(options: { rewritePorts?: ReadonlyMap<number, number> } = {}) {
    this.#rewrite = options.rewritePorts ?? new Map();
  }

  /** Packets written so far (handshakes included). */
  get packets(): number {
    return this.#records.length / 2;
  }

  /**
   * Adds bytes sent from `source` to `destination` at `at` (ms since the
   * epoch). The first bytes of a connection make its sender the client and
   * are preceded by a handshake.
   */
  add(at: number, source: Endpoint, destination: Endpoint, payload: Uint8Array): void {
    const [src, dst] = [this.#shown(source), this.#shown(destination)];
    const flow = this.#flow(at, src, dst);
    const fromClient = sameEndpoint(flow.client, src);
    let offset = 0;
    do {
      const part = payload.subarray(offset, offset + SEGMENT_BYTES);
      const seq = fromClient ? flow.clientSeq : flow.serverSeq;
      const ack = fromClient ? flow.serverSeq : flow.clientSeq;
      this.#packet(at, src, dst, seq, ack, TCP_PSH | TCP_ACK, part);
      if (fromClient) flow.clientSeq = (flow.clientSeq + part.length) >>> 0;
      else flow.serverSeq = (flow.serverSeq + part.length) >>> 0;
      offset += SEGMENT_BYTES;
    } while (offset < payload.length);
  }

  /** Closes a connection with FIN, FIN and ACK, `source` closing first; nothing if it was never seen. */
  close(at: number, source: Endpoint, destination: Endpoint): void {
    const [src, dst] = [this.#shown(source), this.#shown(destination)];
    const flow = this.#flows.get(flowKey(src, dst));
    if (!flow || flow.closed) return;
    flow.closed = true;
    const fromClient = sameEndpoint(flow.client, src);
    const [mine, theirs] = fromClient ? (['clientSeq', 'serverSeq'] as const) : (['serverSeq', 'clientSeq'] as const);
    this.#packet(at, src, dst, flow[mine], flow[theirs], TCP_FIN | TCP_ACK);
    flow[mine] = (flow[mine] + 1) >>> 0;
    this.#packet(at, dst, src, flow[theirs], flow[mine], TCP_FIN | TCP_ACK);
    flow[theirs] = (flow[theirs] + 1) >>> 0;
    this.#packet(at, src, dst, flow[mine], flow[theirs], TCP_ACK);
  }

  /** The pcap file: global header and every packet in the order added. */
  toBuffer(): Buffer {
    const header = Buffer.alloc(24);
    header.writeUInt32LE(0xa1b2c3d4, 0);
    header.writeUInt16LE(2, 4);
    header.writeUInt16LE(4, 6);
    header.writeUInt32LE(262_144, 16);
    header.writeUInt32LE(LINKTYPE_RAW, 20);
    return Buffer.concat([header, ...this.#records]);
  }

  #shown(endpoint: Endpoint): Endpoint {
    const address =
      endpoint.address.startsWith('::ffff:') && isIPv4(endpoint.address.slice(7)) ? endpoint.address.slice(7) : endpoint.address;
    return { address, port: this.#rewrite.get(endpoint.port) ?? endpoint.port };
  }

  #flow(at: number, src: Endpoint, dst: Endpoint): Flow {
    const key = flowKey(src, dst);
    const existing = this.#flows.get(key);
    if (existing && !existing.closed) return existing;
    // Initial sequence numbers from the ports: stable across runs, different per connection.
    const flow: Flow = { client: src, clientSeq: (src.port * 7919) >>> 0, serverSeq: (dst.port * 104_729) >>> 0, closed: false };
    this.#flows.set(key, flow);
    this.#packet(at, src, dst, flow.clientSeq, 0, TCP_SYN);
    flow.clientSeq = (flow.clientSeq + 1) >>> 0;
    this.#packet(at, dst, src, flow.serverSeq, flow.clientSeq, TCP_SYN | TCP_ACK);
    flow.serverSeq = (flow.serverSeq + 1) >>> 0;
    this.#packet(at, src, dst, flow.clientSeq, flow.serverSeq, TCP_ACK);
    return flow;
  }

  #packet(at: number, src: Endpoint, dst: Endpoint, seq: number, ack: number, flags: number, payload: Uint8Array = Buffer.alloc(0)): void {
    const tcp = Buffer.alloc(20 + payload.length);
    tcp.writeUInt16BE(src.port, 0);
    tcp.writeUInt16BE(dst.port, 2);
    tcp.writeUInt32BE(seq >>> 0, 4);
    tcp.writeUInt32BE(ack >>> 0, 8);
    tcp[12] = 5 << 4;
    tcp[13] = flags;
    tcp.writeUInt16BE(65_535, 14);
    tcp.set(payload, 20);
    const ip = ipHeader(src.address, dst.address, tcp.length);
    tcp.writeUInt16BE(checksum([ip.pseudo, tcp]), 16);
    const packet = Buffer.concat([ip.header, tcp]);
    const record = Buffer.alloc(16);
    const micros = Math.round(at * 1000);
    record.writeUInt32LE(Math.floor(micros / 1e6), 0);
    record.writeUInt32LE(micros % 1e6, 4);
    record.writeUInt32LE(packet.length, 8);
    record.writeUInt32LE(packet.length, 12);
    this.#records.push(record, packet);
  }
}

function flowKey(a: Endpoint, b: Endpoint): string {
  const [x, y] = [`${a.address}|${a.port}`, `${b.address}|${b.port}`];
  return x < y ? `${x}>${y}` : `${y}>${x}`;
}

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.port === b.port && a.address === b.address;
}

// The IP header and the TCP pseudo-header for the checksum (RFC 793, RFC 8200 §8.1).
function ipHeader(src: string, dst: string, tcpLength: number): { header: Buffer; pseudo: Buffer } {
  const [s, d] = [addressBytes(src), addressBytes(dst)];
  if (s.length !== d.length)
    throw new DiameterEncodeError('pcap packet', `${src} and ${dst} are of different IP versions`, 'two IPv4 or two IPv6 addresses');
  if (s.length === 4) {
    const header = Buffer.alloc(20);
    header[0] = 0x45;
    header.writeUInt16BE(20 + tcpLength, 2);
    header.writeUInt16BE(0x4000, 6); // don't fragment
    header[8] = 64;
    header[9] = 6;
    s.copy(header, 12);
    d.copy(header, 16);
    header.writeUInt16BE(checksum([header]), 10);
    const pseudo = Buffer.alloc(12);
    s.copy(pseudo, 0);
    d.copy(pseudo, 4);
    pseudo[9] = 6;
    pseudo.writeUInt16BE(tcpLength, 10);
    return { header, pseudo };
  }
  const header = Buffer.alloc(40);
  header.writeUInt32BE(0x6000_0000, 0);
  header.writeUInt16BE(tcpLength, 4);
  header[6] = 6;
  header[7] = 64;
  s.copy(header, 8);
  d.copy(header, 24);
  const pseudo = Buffer.alloc(40);
  s.copy(pseudo, 0);
  d.copy(pseudo, 16);
  pseudo.writeUInt32BE(tcpLength, 32);
  pseudo[39] = 6;
  return { header, pseudo };
}

function addressBytes(address: string): Buffer {
  if (isIPv4(address)) return Buffer.from(address.split('.').map(Number));
  const [left, right] = address.split('::') as [string, string | undefined];
  const groups = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const l = groups(left);
  const r = right === undefined ? [] : groups(right);
  const all = [...l, ...new Array<number>(Math.max(0, 8 - l.length - r.length)).fill(0), ...r];
  if (all.length !== 8 || all.some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff))
    throw new DiameterEncodeError('pcap packet', `${JSON.stringify(address)} is not an IP address`, 'an IPv4 or IPv6 address');
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(g, 2 * i));
  return out;
}

// The Internet checksum (RFC 1071) over the concatenation of `parts`.
function checksum(parts: readonly Buffer[]): number {
  let sum = 0;
  let odd: number | undefined;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      if (odd === undefined) odd = part[i]!;
      else {
        sum += (odd << 8) | part[i]!;
        odd = undefined;
      }
    }
  }
  if (odd !== undefined) sum += odd << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

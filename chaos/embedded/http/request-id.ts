/**
 * Request ids in the format of `github.com/rs/xid`, which Toxiproxy's
 * logging middleware puts in `X-Toxiproxy-Request-Id`: 12 bytes (seconds
 * since the epoch, machine, process id, counter) written as 20 characters of
 * lower-case base32hex. Ids sort by time, like the real ones.
 *
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

const ALPHABET = '0123456789abcdefghijklmnopqrstuv';
const MACHINE = createHash('md5').update(hostname()).digest().subarray(0, 3);
let counter = randomBytes(3).readUIntBE(0, 3);

/**
 * A fresh 20-character id.
 *
 * @example
 * ```ts
 * nextRequestId() // 'd4n6m2q8v1ls73b0gk8g'
 * ```
 */
export function nextRequestId(): string {
  const id = Buffer.alloc(12);
  id.writeUInt32BE(Math.floor(Date.now() / 1000) >>> 0, 0);
  MACHINE.copy(id, 4);
  id.writeUInt16BE(process.pid & 0xffff, 7);
  counter = (counter + 1) & 0xffffff;
  id.writeUIntBE(counter, 9, 3);
  return base32hex(id);
}

function base32hex(bytes: Buffer): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

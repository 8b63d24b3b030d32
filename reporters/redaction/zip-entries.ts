import { inflateRawSync } from 'node:zlib';

/** One file inside a zip archive, decompressed. */
export interface ZipEntry {
  readonly name: string;
  readonly content: Buffer;
}

/**
 * The files of a zip archive (stored or deflated), read through its central
 * directory, e.g. a Playwright trace. Returns `undefined` for what it cannot
 * read (not a zip, ZIP64, encryption, another compression method), so the
 * caller can say the file was not looked into.
 *
 * @example
 * ```ts
 * const entries = zipEntries(readFileSync('trace.zip')) ?? [];
 * ```
 */
export function zipEntries(zip: Buffer): ZipEntry[] | undefined {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > zip.length) return undefined;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) return undefined;
  const entries: ZipEntry[] = [];
  try {
    for (let i = 0; i < count; i++) {
      if (zip.readUInt32LE(at) !== 0x02014b50) return undefined;
      const flags = zip.readUInt16LE(at + 8);
      const method = zip.readUInt16LE(at + 10);
      const compressedSize = zip.readUInt32LE(at + 20);
      const nameLength = zip.readUInt16LE(at + 28);
      const extraLength = zip.readUInt16LE(at + 30);
      const commentLength = zip.readUInt16LE(at + 32);
      const local = zip.readUInt32LE(at + 42);
      const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
      at += 46 + nameLength + extraLength + commentLength;
      if (flags & 0x1 || compressedSize === 0xffffffff || zip.readUInt32LE(local) !== 0x04034b50) return undefined;
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressedSize);
      if (method === 0) entries.push({ name, content: data });
      else if (method === 8) entries.push({ name, content: inflateRawSync(data) });
      else return undefined;
    }
  } catch {
    return undefined;
  }
  return entries;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { listFiles } from '../evidence/manifest.js';
import { zipEntries } from './zip-entries.js';

/** A file in which a secret was found. The secret's value is never part of it. */
export interface SecretFinding {
  /** Path relative to the scanned folder; `archive.zip!inner/file` for a file inside an archive. */
  readonly file: string;
  /** The secret's name as given, e.g. `K of sub_3f9a…`. */
  readonly secret: string;
  /** How it was written: `text`, `hex (upper case)`, `bytes`, `base64`. */
  readonly form: string;
}

/** What a scan found. */
export interface SecretScan {
  readonly findings: readonly SecretFinding[];
  /** Files read, including those inside archives. */
  readonly scanned: number;
  /** Compressed files that could not be opened, so were only searched as they are. */
  readonly unopened: readonly string[];
}

interface Needle {
  readonly secret: string;
  readonly form: string;
  readonly bytes: Buffer;
}

/**
 * Searches every file under a folder, text or binary, for secrets: as text,
 * as upper-case hex and as raw bytes (for hex keys such as K and OPc), and
 * as base64 at any alignment (Playwright's JSON report and HTML attachments
 * hold base64). Gzip files (`.gz`, `.tgz`) and zip files (traces) are opened
 * and searched inside too.
 *
 * @param secrets name to value; or a list, named `secret #1`, `secret #2`, ...
 * @example
 * ```ts
 * const { findings } = scanForSecrets('evidence/run-42', { 'K of roamer 1': k, 'OPc of roamer 1': opc });
 * expect(findings).toEqual([]);
 * ```
 */
export function scanForSecrets(root: string, secrets: Readonly<Record<string, string>> | readonly string[]): SecretScan {
  const named = Array.isArray(secrets)
    ? Object.fromEntries(secrets.map((s, i) => [`secret #${i + 1}`, s]))
    : (secrets as Record<string, string>);
  const needles = Object.entries(named)
    .filter(([, value]) => value.length >= 4)
    .flatMap(([name, value]) => needlesOf(name, value));
  const findings: SecretFinding[] = [];
  const unopened: string[] = [];
  let scanned = 0;
  const index = new NeedleIndex(needles);
  const search = (file: string, content: Buffer) => {
    scanned++;
    for (const needle of index.findIn(content)) {
      if (!findings.some((f) => f.file === file && f.secret === needle.secret)) {
        findings.push({ file, secret: needle.secret, form: needle.form });
      }
    }
  };
  for (const path of listFiles(root)) {
    const content = readFileSync(join(root, ...path.split('/')));
    search(path, content);
    if (/\.(t?gz)$/i.test(path)) {
      try {
        search(`${path}!`, gunzipSync(content));
      } catch {
        unopened.push(path);
      }
    } else if (content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
      const entries = zipEntries(content);
      if (!entries) unopened.push(path);
      for (const entry of entries ?? []) search(`${path}!${entry.name}`, entry.content);
    }
  }
  return { findings, scanned, unopened };
}

function needlesOf(secret: string, value: string): Needle[] {
  const needles: Needle[] = [{ secret, form: 'text', bytes: Buffer.from(value) }];
  const text = Buffer.from(value);
  const isHex = /^[0-9a-fA-F]+$/.test(value) && value.length % 2 === 0 && value.length >= 16;
  if (isHex) {
    needles.push(
      { secret, form: 'text', bytes: Buffer.from(value.toLowerCase()) },
      { secret, form: 'hex (upper case)', bytes: Buffer.from(value.toUpperCase()) },
    );
    const raw = Buffer.from(value, 'hex');
    needles.push({ secret, form: 'bytes', bytes: raw }, ...base64Needles(secret, raw, 'base64 of the bytes'));
  }
  needles.push(...base64Needles(secret, text, 'base64'));
  return needles;
}

/** The part of `bytes`' base64 that is the same wherever they start in a longer encoded buffer (3 alignments). */
function base64Needles(secret: string, bytes: Buffer, form: string): Needle[] {
  const needles: Needle[] = [];
  for (const pad of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64');
    const start = [0, 2, 3][pad]!;
    const end = Math.floor(((pad + bytes.length) * 8) / 6);
    const core = encoded.slice(start, end);
    if (core.length >= 8) {
      needles.push({ secret, form, bytes: Buffer.from(core) });
      needles.push({ secret, form: `${form}url`, bytes: Buffer.from(core.replace(/\+/g, '-').replace(/\//g, '_')) });
    }
  }
  return needles;
}

const KEY_BYTES = 8;

/**
 * Every needle, found in one pass over a file however many there are: the
 * needles are indexed by a hash of their first 8 bytes, the file is walked
 * once hashing the 8 bytes at each offset, and only offsets whose hash is
 * indexed are compared in full. Needles shorter than 8 bytes are searched
 * for one by one. So scanning for thousands of subscribers' secrets costs
 * about what scanning for one does.
 */
class NeedleIndex {
  readonly #byKey = new Map<number, Needle[]>();
  /** One bit per low 24 bits of an indexed key: most offsets are ruled out without a map lookup. */
  readonly #filter = new Uint8Array(1 << 21);
  readonly #short: Needle[] = [];

  constructor(needles: readonly Needle[]) {
    for (const needle of needles) {
      if (needle.bytes.length < KEY_BYTES) {
        this.#short.push(needle);
        continue;
      }
      const key = keyAt(needle.bytes, 0);
      this.#filter[(key & 0xffffff) >>> 3]! |= 1 << (key & 7);
      const list = this.#byKey.get(key);
      if (list) list.push(needle);
      else this.#byKey.set(key, [needle]);
    }
  }

  /** The needles `content` holds, each once. */
  findIn(content: Buffer): Needle[] {
    const found = new Set<Needle>(this.#short.filter((n) => content.includes(n.bytes)));
    if (this.#byKey.size === 0) return [...found];
    const filter = this.#filter;
    for (let i = 0; i + KEY_BYTES <= content.length; i++) {
      const key = keyAt(content, i);
      if ((filter[(key & 0xffffff) >>> 3]! & (1 << (key & 7))) === 0) continue;
      const candidates = this.#byKey.get(key);
      if (!candidates) continue;
      for (const needle of candidates) {
        const end = i + needle.bytes.length;
        if (!found.has(needle) && end <= content.length && content.compare(needle.bytes, 0, needle.bytes.length, i, end) === 0) {
          found.add(needle);
        }
      }
    }
    return [...found];
  }
}

/** A 30-bit hash of the 8 bytes at `offset` (a small integer, so map lookups stay fast; collisions only cost a comparison). */
function keyAt(b: Uint8Array, i: number): number {
  const lo = b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
  const hi = b[i + 4]! | (b[i + 5]! << 8) | (b[i + 6]! << 16) | (b[i + 7]! << 24);
  return (lo ^ Math.imul(hi, 0x9e3779b1)) & 0x3fffffff;
}

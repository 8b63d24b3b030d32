/**
 * The Auth Tuple IE (0x03): one authentication vector, its parts as nested
 * IEs (RAND 0x20, SRES 0x21, Kc 0x22, IK 0x23, CK 0x24, AUTN 0x25, RES 0x27).
 * A GSM-only tuple (COMP128) has RAND, SRES and Kc; a UMTS one adds the rest.
 *
 * @module
 */
import { GsupDecodeError } from './codec-errors.js';
import { GsupIe, describeGsupIe } from './gsup-ies.js';
import { hexField } from './hex-field.js';
import { expectLength, expectLengthBetween, pushTlv, readTlvs, type GsupTlv } from './tlv.js';

/** One authentication tuple as GSUP carries it; every part lowercase hex. */
export interface GsupAuthTuple {
  readonly rand: string;
  readonly sres?: string;
  readonly kc?: string;
  readonly ik?: string;
  readonly ck?: string;
  readonly autn?: string;
  /** XRES, 4 to 16 bytes. */
  readonly res?: string;
}

type Part = Exclude<keyof GsupAuthTuple, 'rand'>;

/** Nested tag, fixed lengths (or [min, max] when ranged), in the order libosmocore writes them. */
const PARTS: readonly { key: keyof GsupAuthTuple; tag: number; lengths: readonly number[]; range?: true }[] = [
  { key: 'rand', tag: GsupIe.Rand, lengths: [16] },
  { key: 'sres', tag: GsupIe.Sres, lengths: [4] },
  { key: 'kc', tag: GsupIe.Kc, lengths: [8] },
  { key: 'ik', tag: GsupIe.Ik, lengths: [16] },
  { key: 'ck', tag: GsupIe.Ck, lengths: [16] },
  { key: 'autn', tag: GsupIe.Autn, lengths: [16] },
  { key: 'res', tag: GsupIe.Res, lengths: [1, 16], range: true },
];

/** The value of an Auth Tuple IE. @param field e.g. `authTuples[2]`, for errors. */
export function encodeAuthTuple(tuple: GsupAuthTuple, field: string): Buffer {
  const parts: Buffer[] = [];
  for (const { key, tag, lengths, range } of PARTS) {
    const value = tuple[key];
    if (value === undefined) continue;
    pushTlv(parts, tag, hexField(value, `${field}.${key}`, lengths, range), `${field}.${key}`);
  }
  return Buffer.concat(parts);
}

/** Decodes the value of an Auth Tuple IE found at `tlv.at` in `message`. */
export function decodeAuthTuple(message: Buffer, tlv: GsupTlv): GsupAuthTuple {
  const start = tlv.at + 2;
  const found: Partial<Record<keyof GsupAuthTuple, string>> = {};
  for (const inner of readTlvs(message, start, start + tlv.value.length, `the auth tuple at ${tlv.at}`)) {
    const spec = PARTS.find((p) => p.tag === inner.tag);
    if (!spec) throw new GsupDecodeError(inner.at, `IE ${describeGsupIe(inner.tag)} does not belong in an auth tuple`);
    if (spec.range) expectLengthBetween(inner, spec.key.toUpperCase(), spec.lengths[0]!, spec.lengths[1]!);
    else expectLength(inner, spec.key.toUpperCase(), spec.lengths);
    found[spec.key] = inner.value.toString('hex');
  }
  if (found.rand === undefined) throw new GsupDecodeError(tlv.at, 'the auth tuple has no RAND (IE 0x20)');
  const tuple: { rand: string } & Partial<Record<Part, string>> = { rand: found.rand };
  for (const key of ['sres', 'kc', 'ik', 'ck', 'autn', 'res'] as const) if (found[key] !== undefined) tuple[key] = found[key];
  return tuple;
}

import { sign, verify } from 'node:crypto';
import type { EvidenceKeyAlgorithm, EvidencePublicKey, EvidenceSigningKey } from './signing-keys.js';

/** The DSSE payload type of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** One signature of a DSSE envelope: base64 `sig`, and the signer's `keyid` as a hint. */
export interface DsseSignature {
  readonly keyid: string;
  readonly sig: string;
}

/** A DSSE envelope: the payload (base64) and its type, signed by any number of keys. */
export interface DsseEnvelope {
  readonly payloadType: string;
  readonly payload: string;
  readonly signatures: readonly DsseSignature[];
}

/**
 * DSSE's pre-authentication encoding, the bytes that are actually signed:
 * `DSSEv1 <len(type)> <type> <len(body)> <body>`, lengths in bytes as
 * decimal. Binding the type stops a payload being read as another kind.
 *
 * @example
 * ```ts
 * preAuthEncoding('application/vnd.in-toto+json', Buffer.from('{}')).toString() // 'DSSEv1 28 application/vnd.in-toto+json 2 {}'
 * ```
 */
export function preAuthEncoding(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

/**
 * An unsigned envelope of `payload`.
 *
 * @example
 * ```ts
 * const envelope = signEnvelope(envelopeOf(statementBytes), homeKey);
 * ```
 */
export function envelopeOf(payload: Buffer, payloadType = IN_TOTO_PAYLOAD_TYPE): DsseEnvelope {
  return { payloadType, payload: payload.toString('base64'), signatures: [] };
}

/**
 * The envelope with one more signature, by `signer`, over its PAE.
 *
 * @example
 * ```ts
 * const countersigned = signEnvelope(envelope, visitedKey);
 * ```
 */
export function signEnvelope(envelope: DsseEnvelope, signer: EvidenceSigningKey): DsseEnvelope {
  const pae = preAuthEncoding(envelope.payloadType, Buffer.from(envelope.payload, 'base64'));
  const sig = sign(hashOf(signer.algorithm), pae, signer.privateKey).toString('base64');
  return { ...envelope, signatures: [...envelope.signatures, { keyid: signer.keyid, sig }] };
}

/**
 * Whether `signature` is `key`'s over the envelope's PAE. Malformed
 * signatures are simply not valid.
 *
 * @example
 * ```ts
 * envelope.signatures.some((s) => isValidSignature(envelope, s, trustedKey))
 * ```
 */
export function isValidSignature(envelope: DsseEnvelope, signature: Pick<DsseSignature, 'sig'>, key: EvidencePublicKey): boolean {
  if (typeof signature.sig !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(signature.sig)) return false;
  const pae = preAuthEncoding(envelope.payloadType, Buffer.from(envelope.payload, 'base64'));
  try {
    return verify(hashOf(key.algorithm), pae, key.publicKey, Buffer.from(signature.sig, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Reads a DSSE envelope from JSON bytes, or says in a few words why it is
 * not one (for a statement, the payload type must be in-toto's).
 *
 * @example
 * ```ts
 * const parsed = parseEnvelope(readFileSync('statement.dsse.json'));
 * if (typeof parsed === 'string') throw new Error(parsed);
 * ```
 */
export function parseEnvelope(bytes: Buffer): DsseEnvelope | string {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return `is not JSON (${(error as Error).message})`;
  }
  const envelope = value as Partial<Record<keyof DsseEnvelope, unknown>>;
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) return 'is not a JSON object';
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    return `is not a DSSE envelope of an in-toto statement (payloadType ${JSON.stringify(envelope.payloadType)}, not "${IN_TOTO_PAYLOAD_TYPE}")`;
  }
  if (typeof envelope.payload !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(envelope.payload)) return 'has no base64 payload';
  if (!Array.isArray(envelope.signatures) || !envelope.signatures.every((s) => typeof s === 'object' && s !== null)) {
    return 'has no list of signatures';
  }
  return envelope as DsseEnvelope;
}

/** Ed25519 signs the message itself; ECDSA P-256 signs its SHA-256 (DER-encoded signature). */
function hashOf(algorithm: EvidenceKeyAlgorithm): string | null {
  return algorithm === 'ed25519' ? null : 'sha256';
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/** The environment variable the evidence signing key is read from. It is never written anywhere. */
export const EVIDENCE_KEY_ENV = 'ROAM_EVIDENCE_KEY';

/** What `manifest.sig` holds. */
export interface ManifestSignature {
  readonly algorithm: 'HMAC-SHA-256';
  /** Where the verifier finds the key: the variable's name, never its value. */
  readonly keyFrom: string;
  /** HMAC-SHA-256 (hex) over the exact bytes of `manifest.json`. */
  readonly hmac: string;
}

/**
 * Signs the bytes of a manifest with HMAC-SHA-256.
 *
 * @example
 * ```ts
 * const signature = signManifest(readFileSync('manifest.json'), process.env.ROAM_EVIDENCE_KEY!);
 * ```
 */
export function signManifest(manifestBytes: Buffer, key: string): ManifestSignature {
  return { algorithm: 'HMAC-SHA-256', keyFrom: EVIDENCE_KEY_ENV, hmac: hmacOf(manifestBytes, key) };
}

/**
 * Whether `signature` was made over these manifest bytes with `key`, compared in constant time.
 *
 * @example
 * ```ts
 * isValidSignature(readFileSync('manifest.json'), JSON.parse(readFileSync('manifest.sig', 'utf8')), key)
 * ```
 */
export function isValidSignature(manifestBytes: Buffer, signature: Partial<ManifestSignature>, key: string): boolean {
  if (signature.algorithm !== 'HMAC-SHA-256' || typeof signature.hmac !== 'string' || !/^[0-9a-f]{64}$/.test(signature.hmac)) return false;
  return timingSafeEqual(Buffer.from(signature.hmac, 'hex'), Buffer.from(hmacOf(manifestBytes, key), 'hex'));
}

function hmacOf(bytes: Buffer, key: string): string {
  return createHmac('sha256', key).update(bytes).digest('hex');
}

import { isValidSignature, type DsseEnvelope } from './dsse.js';
import type { EvidenceFailure } from './evidence-failures.js';
import type { EvidencePublicKey } from './signing-keys.js';

/** What became of one signature: valid; invalid (by a trusted key, over other bytes); by a key not trusted; or not checked. */
export interface SignatureCheck {
  /** The keyid the signature claims (empty when it names none). */
  readonly keyid: string;
  /** The trusted key it was checked with, by label. */
  readonly key?: string;
  readonly status: 'valid' | 'invalid' | 'unknown-key' | 'unchecked';
}

/**
 * Judges every signature of an envelope against the trusted keys, failing
 * closed: each trusted key must have signed; a signature by any other key,
 * or one that does not verify, is a failure; no keys is a failure unless
 * `allowUnsigned` (then nothing is checked, and the result says so).
 * A signature's keyid is only a hint: one that names no trusted key is
 * still tried with each before it is called unknown.
 *
 * @example
 * ```ts
 * const { failures } = checkSignatures(envelope, [homeKey, visitedKey], false);
 * ```
 */
export function checkSignatures(
  envelope: DsseEnvelope,
  keys: readonly EvidencePublicKey[],
  allowUnsigned: boolean,
): { checks: SignatureCheck[]; failures: EvidenceFailure[]; checked: boolean } {
  const keyidOf = (s: { keyid?: unknown }) => (typeof s.keyid === 'string' ? s.keyid : '');
  if (keys.length === 0) {
    const checks = envelope.signatures.map((s) => ({ keyid: keyidOf(s), status: 'unchecked' as const }));
    if (allowUnsigned) return { checks, failures: [], checked: false };
    if (checks.length === 0) {
      return {
        checks,
        checked: false,
        failures: [
          { code: 'unsigned', message: 'the statement has no signature; pass --allow-unsigned to check only the digests (for local use)' },
        ],
      };
    }
    const ids = checks.map((c) => c.keyid || 'none');
    return {
      checks,
      checked: false,
      failures: [
        {
          code: 'no-key',
          message: `signed (keyid${ids.length > 1 ? 's' : ''} ${ids.join(', ')}) but no public key was given; pass --key with the signer's public key`,
        },
      ],
    };
  }

  const checks: SignatureCheck[] = [];
  const failures: EvidenceFailure[] = [];
  const signedBy = new Set<string>();
  const attempted = new Set<string>();
  for (const signature of envelope.signatures) {
    const keyid = keyidOf(signature);
    const named = keys.find((k) => k.keyid === keyid);
    if (named) {
      attempted.add(named.keyid);
      const valid = isValidSignature(envelope, signature, named);
      checks.push({ keyid, key: named.label, status: valid ? 'valid' : 'invalid' });
      if (valid) signedBy.add(named.keyid);
      else {
        failures.push({
          code: 'bad-signature',
          message: `the signature by ${named.label} (keyid ${named.keyid}) does not verify: the statement was changed after signing, or the signature is forged`,
        });
      }
      continue;
    }
    const other = keys.find((k) => isValidSignature(envelope, signature, k));
    if (other) {
      checks.push({ keyid, key: other.label, status: 'valid' });
      signedBy.add(other.keyid);
      continue;
    }
    checks.push({ keyid, status: 'unknown-key' });
    failures.push({
      code: 'unknown-key',
      message: `signed by a key that was not given (${keyid ? `keyid ${keyid}` : 'no keyid'}); only the --key public keys are trusted`,
    });
  }
  for (const key of keys) {
    if (!signedBy.has(key.keyid) && !attempted.has(key.keyid)) {
      failures.push({ code: 'missing-signature', message: `not signed by ${key.label} (keyid ${key.keyid})` });
    }
  }
  return { checks, failures, checked: true };
}

/**
 * Why a bundle does not verify, one reason each: `unsigned`, `no-key`,
 * `unknown-key`, `bad-signature`, `missing-signature` (signatures);
 * `missing-file`, `malformed`, `statement-mismatch`, `manifest-mismatch`,
 * `checksums-mismatch`, `empty` (the bundle's own files); `changed`,
 * `added`, `removed` (its files).
 */
export type EvidenceFailureCode =
  | 'unsigned'
  | 'no-key'
  | 'unknown-key'
  | 'bad-signature'
  | 'missing-signature'
  | 'missing-file'
  | 'malformed'
  | 'statement-mismatch'
  | 'manifest-mismatch'
  | 'checksums-mismatch'
  | 'empty'
  | 'changed'
  | 'added'
  | 'removed';

/** One reason a bundle does not verify, as one line for people. */
export interface EvidenceFailure {
  readonly code: EvidenceFailureCode;
  readonly message: string;
}

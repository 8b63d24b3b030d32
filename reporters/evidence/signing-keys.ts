import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { EvidenceError } from '../report-errors.js';

/** The signature schemes evidence is signed with: Ed25519, or ECDSA over P-256 with SHA-256. */
export type EvidenceKeyAlgorithm = 'ed25519' | 'ecdsa-p256';

/** Every scheme {@link EvidenceKeyAlgorithm} names. */
export const EVIDENCE_KEY_ALGORITHMS: readonly EvidenceKeyAlgorithm[] = ['ed25519', 'ecdsa-p256'];

/** The environment variable holding the path of the PEM private key `roam evidence build` signs with. */
export const EVIDENCE_KEY_ENV = 'ROAM_EVIDENCE_KEY';

/** A public key a verifier trusts. `keyid` is the SHA-256 (hex) of its SPKI DER encoding. */
export interface EvidencePublicKey {
  readonly keyid: string;
  readonly algorithm: EvidenceKeyAlgorithm;
  /** How reports name it: the file it was read from, or a name given. */
  readonly label: string;
  readonly publicKey: KeyObject;
}

/** A private key that signs, with its public half. The private key is only ever held in memory. */
export interface EvidenceSigningKey extends EvidencePublicKey {
  readonly privateKey: KeyObject;
}

/** A freshly made key pair as PEM text: PKCS#8 private key, SPKI public key. */
export interface EvidenceKeyPair {
  readonly algorithm: EvidenceKeyAlgorithm;
  readonly keyid: string;
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

/**
 * The keyid of a public key: SHA-256 (hex) of its SPKI DER encoding, so
 * anyone holding the key can compute it (`openssl pkey -pubin -outform DER | sha256sum`).
 *
 * @example
 * ```ts
 * evidenceKeyId(createPublicKey(readFileSync('home.pub'))) // '3f2a…'
 * ```
 */
export function evidenceKeyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/**
 * Makes a key pair for signing evidence (Ed25519 by default).
 *
 * @example
 * ```ts
 * const { privateKeyPem, publicKeyPem, keyid } = generateEvidenceKeyPair();
 * ```
 */
export function generateEvidenceKeyPair(algorithm: EvidenceKeyAlgorithm = 'ed25519'): EvidenceKeyPair {
  const { privateKey, publicKey } =
    algorithm === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    algorithm,
    keyid: evidenceKeyId(publicKey),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * Writes a new key pair as `<prefix>.key` (private, PKCS#8 PEM, readable by
 * its owner only) and `<prefix>.pub` (public, SPKI PEM, for partners).
 * Refuses to overwrite either.
 *
 * @throws {EvidenceError} `ROAM_EVIDENCE_SIGNING_KEY` when either file exists.
 * @example
 * ```ts
 * const { publicKeyPath, keyid } = writeEvidenceKeyPair('keys/home-262-01');
 * ```
 */
export function writeEvidenceKeyPair(
  prefix: string,
  algorithm: EvidenceKeyAlgorithm = 'ed25519',
): { privateKeyPath: string; publicKeyPath: string; keyid: string; algorithm: EvidenceKeyAlgorithm } {
  const privateKeyPath = resolve(`${prefix}.key`);
  const publicKeyPath = resolve(`${prefix}.pub`);
  for (const path of [privateKeyPath, publicKeyPath]) {
    if (existsSync(path)) {
      throw new EvidenceError('ROAM_EVIDENCE_SIGNING_KEY', `write the evidence key pair ${prefix}`, `${path} exists`, {
        hint: 'Choose another --output, or remove the old pair first if it is really no longer used',
      });
    }
  }
  const pair = generateEvidenceKeyPair(algorithm);
  mkdirSync(dirname(privateKeyPath), { recursive: true });
  writeFileSync(privateKeyPath, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
  writeFileSync(publicKeyPath, pair.publicKeyPem, { flag: 'wx' });
  return { privateKeyPath, publicKeyPath, keyid: pair.keyid, algorithm };
}

/**
 * A signing key from PEM text (PKCS#8, unencrypted). `label` names it in reports.
 *
 * @throws {EvidenceError} `ROAM_EVIDENCE_SIGNING_KEY` for anything but an Ed25519 or P-256 private key.
 * @example
 * ```ts
 * const signer = signingKeyFromPem(readFileSync('keys/home.key', 'utf8'), 'home.key');
 * ```
 */
export function signingKeyFromPem(pem: string, label: string): EvidenceSigningKey {
  if (!/-----BEGIN (EC |ENCRYPTED )?PRIVATE KEY-----/.test(pem)) {
    const isPublic = pem.includes('-----BEGIN PUBLIC KEY-----');
    throw keyError(label, 'sign with', isPublic ? 'it is a public key' : 'it is not a PEM private key', isPublic);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw keyError(label, 'sign with', `it cannot be read (${firstLine(error)})`, false);
  }
  const publicKey = createPublicKey(privateKey);
  return { ...describe(publicKey, label, 'sign with'), privateKey };
}

/**
 * A trusted public key from PEM text (SPKI). A private key is refused: a
 * verifier should never hold one.
 *
 * @throws {EvidenceError} `ROAM_EVIDENCE_SIGNING_KEY` for anything but an Ed25519 or P-256 public key.
 * @example
 * ```ts
 * const trusted = publicKeyFromPem(readFileSync('partner.pub', 'utf8'), 'partner.pub');
 * ```
 */
export function publicKeyFromPem(pem: string, label: string): EvidencePublicKey {
  if (/-----BEGIN (EC |ENCRYPTED )?PRIVATE KEY-----/.test(pem)) {
    throw new EvidenceError('ROAM_EVIDENCE_SIGNING_KEY', `verify with the key ${label}`, 'it is a private key', {
      hint: 'Give the public key (.pub) instead; make it with "openssl pkey -pubout" if you only have the private one, and keep the private key away from verifiers',
    });
  }
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw keyError(label, 'verify with', `it is not a PEM public key (${firstLine(error)})`, false);
  }
  return describe(publicKey, label, 'verify with');
}

/** {@link signingKeyFromPem} of a file, labelled with its name. */
export function readSigningKey(path: string): EvidenceSigningKey {
  return signingKeyFromPem(readKeyFile(path, 'sign with'), basename(path));
}

/**
 * The signing key whose file `$ROAM_EVIDENCE_KEY` names, or `undefined`
 * when it is unset or empty. A value that is no file is refused without
 * being repeated, since it may be a secret someone put there.
 *
 * @throws {EvidenceError} `ROAM_EVIDENCE_SIGNING_KEY` when the variable names no readable key file.
 * @example
 * ```ts
 * const signer = signingKeyFromEnv(); // ROAM_EVIDENCE_KEY=keys/home.key
 * ```
 */
export function signingKeyFromEnv(env: NodeJS.ProcessEnv = process.env): EvidenceSigningKey | undefined {
  const path = env[EVIDENCE_KEY_ENV];
  if (!path) return undefined;
  if (!existsSync(path)) {
    throw new EvidenceError('ROAM_EVIDENCE_SIGNING_KEY', `sign with the key ${EVIDENCE_KEY_ENV} names`, 'it is not the path of a file', {
      hint: `Set ${EVIDENCE_KEY_ENV} to the path of a PEM private key made by "roam evidence keygen" (it no longer holds a shared secret)`,
    });
  }
  return readSigningKey(path);
}

/** {@link publicKeyFromPem} of a file, labelled with its name. */
export function readPublicKey(path: string): EvidencePublicKey {
  return publicKeyFromPem(readKeyFile(path, 'verify with'), basename(path));
}

/** The public half of a signing key, as a verifier holds it. */
export function publicKeyOf(signer: EvidenceSigningKey, label = signer.label.replace(/\.key$/, '.pub')): EvidencePublicKey {
  return { keyid: signer.keyid, algorithm: signer.algorithm, label, publicKey: signer.publicKey };
}

/** The public key as SPKI PEM, to hand to partners. */
export function publicKeyPem(key: EvidencePublicKey): string {
  return key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

/**
 * The private scalar (hex) of a signing key, for the secret scan only: the
 * bundle is refused if it appears in any file, in any encoding.
 */
export function signingKeySecret(signer: EvidenceSigningKey): string {
  const jwk = signer.privateKey.export({ format: 'jwk' });
  return Buffer.from(jwk.d!, 'base64url').toString('hex');
}

function describe(publicKey: KeyObject, label: string, verb: string): EvidencePublicKey {
  const type = publicKey.asymmetricKeyType;
  const curve = publicKey.asymmetricKeyDetails?.namedCurve;
  const algorithm: EvidenceKeyAlgorithm | undefined =
    type === 'ed25519' ? 'ed25519' : type === 'ec' && curve === 'prime256v1' ? 'ecdsa-p256' : undefined;
  if (!algorithm) {
    throw keyError(
      label,
      verb,
      `it is ${type === 'ec' ? `an EC key on ${curve}` : `a${type === 'rsa' ? 'n' : ''} ${type} key`}, not Ed25519 or ECDSA P-256`,
      false,
    );
  }
  return { keyid: evidenceKeyId(publicKey), algorithm, label, publicKey };
}

function readKeyFile(path: string, verb: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw keyError(path, verb, `it cannot be read (${firstLine(error)})`, false);
  }
}

function keyError(label: string, verb: string, cause: string, wasPublic: boolean): EvidenceError {
  const hint =
    verb === 'sign with'
      ? wasPublic
        ? 'Sign with the private key (.key); partners verify with the public one'
        : 'Make a key pair with "roam evidence keygen --output <name>" and pass its .key file'
      : 'Pass the signer\'s public key (.pub, PEM), as made by "roam evidence keygen"';
  return new EvidenceError('ROAM_EVIDENCE_SIGNING_KEY', `${verb} the key ${label}`, cause, { hint });
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

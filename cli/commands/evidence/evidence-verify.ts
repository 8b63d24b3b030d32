import { DEFAULT_EVIDENCE_LIMITS, type EvidenceLimits } from '../../../reporters/evidence/bundle-limits.js';
import { countersignEvidence } from '../../../reporters/evidence/countersign.js';
import { readPublicKey, readSigningKey } from '../../../reporters/evidence/signing-keys.js';
import { verifyEvidence, type EvidenceVerification } from '../../../reporters/evidence/verify-evidence.js';
import { integerFlag, parseCommandArgs, UsageError } from '../../command.js';

const MIB = 1024 * 1024;

/** `roam evidence verify <bundle> --key <public.pub>... [--allow-unsigned] [limits]`. */
export async function verifyCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'evidence verify',
    args,
    {
      key: { type: 'string', multiple: true },
      'allow-unsigned': { type: 'boolean' },
      'max-size': { type: 'string' },
      'max-file-size': { type: 'string' },
      'max-files': { type: 'string' },
      'max-inflation': { type: 'string' },
    },
    { allowPositionals: true },
  );
  const path = onePath('evidence verify', positionals);
  const limits: EvidenceLimits = {
    ...DEFAULT_EVIDENCE_LIMITS,
    maxTotalBytes:
      integerFlag('evidence verify', 'max-size', values['max-size'], DEFAULT_EVIDENCE_LIMITS.maxTotalBytes / MIB, 1 << 20) * MIB,
    maxFileBytes:
      integerFlag('evidence verify', 'max-file-size', values['max-file-size'], DEFAULT_EVIDENCE_LIMITS.maxFileBytes / MIB, 1 << 20) * MIB,
    maxFiles: integerFlag('evidence verify', 'max-files', values['max-files'], DEFAULT_EVIDENCE_LIMITS.maxFiles, 10_000_000),
    maxInflation: integerFlag('evidence verify', 'max-inflation', values['max-inflation'], DEFAULT_EVIDENCE_LIMITS.maxInflation, 100_000),
  };
  const keys = (values.key ?? []).map(readPublicKey);
  const result = await verifyEvidence(path, { keys, allowUnsigned: values['allow-unsigned'] ?? false, limits });
  process.stdout.write(describeVerification(path, result));
  return result.ok ? 0 : 1;
}

/** `roam evidence countersign <bundle> --key <private.key> --signed-by <public.pub>...`. */
export async function countersignCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'evidence countersign',
    args,
    { key: { type: 'string' }, 'signed-by': { type: 'string', multiple: true } },
    { allowPositionals: true },
  );
  const path = onePath('evidence countersign', positionals);
  if (!values.key) throw new UsageError('evidence countersign', 'no --key: pass your private key (.key) to sign with');
  const signer = readSigningKey(values.key);
  const signedBy = (values['signed-by'] ?? []).map(readPublicKey);
  const { verification, repackedArchive } = await countersignEvidence(path, signer, { signedBy });
  const before = verification.signatures.map((s) => s.key ?? s.keyid).join(' and ');
  process.stdout.write(
    `[roam] Evidence countersigned: ${path} by ${signer.label} (${signer.algorithm}, keyid ${signer.keyid})` +
      `${before ? `, after checking the signature${verification.signatures.length > 1 ? 's' : ''} of ${before}` : ''}; ` +
      `verify with every signer's public key.\n`,
  );
  if (repackedArchive) process.stdout.write(`[roam] Evidence archive repacked with the new signature: ${repackedArchive}\n`);
  return 0;
}

/**
 * What `roam evidence verify` prints: one line when the bundle verifies
 * (saying plainly when its signatures were not checked); otherwise the
 * reason, or the number of problems and one line for each.
 *
 * @example
 * ```ts
 * process.stdout.write(describeVerification('run-42.tar.gz', await verifyEvidence('run-42.tar.gz', { keys })));
 * ```
 */
export function describeVerification(path: string, result: EvidenceVerification): string {
  if (!result.ok) {
    const [first, ...more] = result.failures;
    if (!more.length) return `[roam] Evidence does NOT verify: ${path}: ${first!.message}\n`;
    const lines = result.failures.map((f) => `  ${f.message}`);
    return [`[roam] Evidence does NOT verify: ${path}: ${result.failures.length} problems`, ...lines, ''].join('\n');
  }
  const tests = result.tests ? ` (${result.tests.passed} passed, ${result.tests.warned} warned, ${result.tests.failed} failed)` : '';
  const outcome = `test result ${result.result}${tests}`;
  if (!result.signaturesChecked) {
    return (
      `[roam] Evidence verified WITHOUT checking signatures (--allow-unsigned, local use only): ${path}: ` +
      `all ${result.files} files match the statement, but anyone could have made it; ${outcome}.\n`
    );
  }
  const signers = result.signatures.map((s) => `${s.key} (keyid ${s.keyid || 'none'})`).join(' and ');
  return `[roam] Evidence verified: ${path}: all ${result.files} files match the signed statement; signed by ${signers}; ${outcome}.\n`;
}

function onePath(command: string, positionals: readonly string[]): string {
  if (positionals.length !== 1) {
    throw new UsageError(
      command,
      positionals.length ? `one bundle at a time, not ${positionals.length}` : 'no bundle given: pass <dir | archive.tar.gz>',
    );
  }
  return positionals[0]!;
}

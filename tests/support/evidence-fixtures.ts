import { createHash, createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * What a run leaves behind, in a scratch folder: specs, Allure results (one
 * passed IR.24 case, one failed), JUnit, an event log, CDRs, usage records,
 * a reconciliation, an SLO summary and a report. Returns the folder.
 */
export function runOutputs(): string {
  const root = mkdtempSync(join(tmpdir(), 'roam-evidence-test-'));
  const put = (path: string, content: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  put('specs/attach.roam.yaml', 'scenario: A German roamer attaches in France\nid: IR24-LU-01\n');
  put(
    'allure-results/a-result.json',
    JSON.stringify({
      name: 'IR24-LU-01: a German roamer attaches in France',
      status: 'passed',
      historyId: 'h1',
      stop: 2,
      labels: [{ name: 'partnerTestCase', value: 'IR24-LU-01' }],
    }),
  );
  put(
    'allure-results/c-result.json',
    JSON.stringify({ name: 'TD41-TAP-01: the TAP file of 208-01 reconciles', status: 'passed', historyId: 'h2', stop: 3 }),
  );
  put('allure-results/b-attachment.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  put(
    'junit.xml',
    '<testsuites><testsuite name="x"><testcase name="IR24-LU-01: a German roamer attaches in France"/></testsuite></testsuites>',
  );
  put('events.jsonl', '{"event_type":"attach","subscriber_id":"sub_0123456789abcdef"}\n');
  put('cdrs.jsonl', '{"sessionId":"s-1","subscriber_id":"sub_0123456789abcdef"}\n');
  put('usage/usage-208-01.csv', 'sender_plmn,session_id\r\n208-01,s-1\r\n');
  put('reconciliation.csv', 'finding\r\n');
  put('slo-summary/slo-summary.json', '{"total":1}');
  put('slo-summary/slo-summary.md', '## SLO summary\n');
  put('allure-report/index.html', '<!DOCTYPE html><title>report</title>');
  return root;
}

/** Every section of {@link runOutputs}, as `buildEvidence` takes them. */
export const RUN_SOURCES = {
  specs: ['specs'],
  results: ['allure-results', 'junit.xml'],
  events: ['events.jsonl'],
  cdrs: ['cdrs.jsonl'],
  usage: ['usage'],
  reconciliation: ['reconciliation.csv'],
  slo: ['slo-summary'],
  report: ['allure-report'],
} as const;

/** One entry of a hand-made tar archive. `size` may claim more than `body` holds (a truncated bomb). */
export interface TarEntry {
  readonly path: string;
  /** ustar type flag: '0' file, '1' hard link, '2' symbolic link, '3' character device, '4' block device, '5' folder, '6' FIFO. */
  readonly type?: string;
  readonly body?: Buffer | string;
  readonly size?: number;
  readonly linkTarget?: string;
}

/**
 * A ustar header block written by hand, so a test can make what no honest
 * tool would: links, devices, FIFOs, `..` paths, sizes the data does not have.
 */
export function tarHeader(entry: TarEntry): Buffer {
  const header = Buffer.alloc(512);
  const body = Buffer.from(entry.body ?? '');
  const octal = (value: number, width: number) => value.toString(8).padStart(width - 1, '0') + '\0';
  header.write(entry.path, 0, 100, 'utf8');
  header.write(octal(0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(entry.size ?? body.length, 12), 124, 'ascii');
  header.write(octal(0, 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write(entry.type ?? '0', 156, 'ascii');
  header.write(entry.linkTarget ?? '', 157, 100, 'utf8');
  header.write('ustar\x0000', 257, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return header;
}

/**
 * A gzipped tar of `entries`, each padded to 512-byte blocks, ended by two
 * empty blocks unless `truncated` (then it stops after the last entry's data).
 */
export function tarGz(entries: readonly TarEntry[], options: { truncated?: boolean; trailingZeros?: number } = {}): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const body = Buffer.from(entry.body ?? '');
    blocks.push(tarHeader(entry), body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  if (!options.truncated) blocks.push(Buffer.alloc(1024));
  if (options.trailingZeros) blocks.push(Buffer.alloc(options.trailingZeros));
  return gzipSync(Buffer.concat(blocks));
}

/**
 * DSSE's pre-authentication encoding written out here, apart from the
 * harness's code, so a test can check an envelope as a partner would with
 * node:crypto alone.
 */
export function partnerPae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

/** Whether any signature of a DSSE envelope verifies with this public key (PEM), using node:crypto only. */
export function partnerVerifiesEnvelope(
  envelope: { payloadType: string; payload: string; signatures: { sig: string }[] },
  publicKeyPem: string,
): boolean {
  const key = createPublicKey(publicKeyPem);
  const pae = partnerPae(envelope.payloadType, Buffer.from(envelope.payload, 'base64'));
  const algorithm = key.asymmetricKeyType === 'ed25519' ? null : 'sha256';
  return envelope.signatures.some((s) => cryptoVerify(algorithm, pae, key, Buffer.from(s.sig, 'base64')));
}

/** SHA-256 (hex) of some bytes. */
export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

import { CHECKSUMS_FILE, ENVELOPE_FILE, MANIFEST_FILE, STATEMENT_FILE } from './manifest.js';

/**
 * The README every bundle carries (and signs, as one of its subjects): what
 * is in it, and how to verify it without roaming-harness, with openssl,
 * jq and sha256sum, or with a few lines of Node. Both ways check what
 * `roam evidence verify` checks: the signature over DSSE's PAE, that
 * `statement.json` is what was signed, and that the files are exactly the
 * statement's subjects.
 *
 * @example
 * ```ts
 * writeFileSync(join(bundle, 'README.md'), bundleReadme());
 * ```
 */
export function bundleReadme(): string {
  return `# Certification evidence

This folder is the evidence of one test run of roaming-harness: the specs
that ran, their results, event logs, CDRs, TAP-like usage records, the
billing reconciliation, the SLO summary and the HTML report.

- \`${STATEMENT_FILE}\` is an in-toto Statement (v1): every file here is a
  subject, by path and SHA-256; the predicate is a test result
  (https://in-toto.io/attestation/test-result/v0.1): PASSED, WARNED or
  FAILED, the tests by outcome (a partner's test-case id first, such as
  IR24-LU-01), and the configuration that ran (specs, world options,
  implementation under test, partners' TADIG codes, versions).
- \`${ENVELOPE_FILE}\` is a DSSE envelope: its payload is \`${STATEMENT_FILE}\`,
  byte for byte; each signature (Ed25519, or ECDSA P-256 with SHA-256) is
  over DSSE's pre-authentication encoding,
  \`DSSEv1 <bytes of type> <type> <bytes of payload> <payload>\`, and its
  keyid is the SHA-256 of the signer's public key (SPKI, DER).
  A bundle signed by both networks carries both signatures.
- \`${CHECKSUMS_FILE}\` lists the same digests for \`sha256sum -c\`;
  \`${MANIFEST_FILE}\` lists them with each file's size.

## Verify it

With the roaming-harness package, one \`--key\` per signer:
\`npx roam evidence verify <this folder or its .tar.gz> --key <signer.pub>\`

With standard tools (bash, openssl 3, jq, coreutils), in this folder, with
the path of the signer's public key (PEM), as they gave it to you, in
\`PUBLIC_KEY\`. Every command must succeed:

\`\`\`bash
: "\${PUBLIC_KEY:?set PUBLIC_KEY to the path of the public key (PEM) of the signer}"
work=$(mktemp -d)
# 1. The signature by that key, over the PAE of the payload.
keyid=$(openssl pkey -pubin -in "$PUBLIC_KEY" -outform DER | sha256sum | cut -d' ' -f1)
jq -r --arg k "$keyid" '.signatures[] | select(.keyid == $k) | .sig' ${ENVELOPE_FILE} | base64 -d > "$work/sig"
test -s "$work/sig"
jq -r .payload ${ENVELOPE_FILE} | base64 -d > "$work/payload"
type=$(jq -r .payloadType ${ENVELOPE_FILE})
printf 'DSSEv1 %d %s %d ' "\${#type}" "$type" "$(wc -c < "$work/payload")" > "$work/pae"
cat "$work/payload" >> "$work/pae"
openssl pkeyutl -verify -pubin -inkey "$PUBLIC_KEY" -rawin -in "$work/pae" -sigfile "$work/sig"
# (an ECDSA P-256 key: openssl dgst -sha256 -verify "$PUBLIC_KEY" -signature "$work/sig" "$work/pae")
# 2. statement.json is what was signed; SHA256SUMS lists exactly its subjects; every file matches.
cmp "$work/payload" ${STATEMENT_FILE}
jq -r '.subject[] | "\\(.digest.sha256)  \\(.name)"' ${STATEMENT_FILE} | cmp - ${CHECKSUMS_FILE}
sha256sum --quiet -c ${CHECKSUMS_FILE}
# 3. Nothing else is here: no file added, no link or other special file.
test -z "$(find . ! -type f ! -type d)"
find . -type f | sed 's|^\\./||' | grep -vxF -e ${STATEMENT_FILE} -e ${ENVELOPE_FILE} -e ${MANIFEST_FILE} -e ${CHECKSUMS_FILE} | LC_ALL=C sort \\
  | cmp - <(cut -c67- ${CHECKSUMS_FILE} | LC_ALL=C sort)
rm -r "$work"
\`\`\`

Or with Node (18 or later), \`node verify.mjs /path/to/signer.pub\` in this
folder, \`verify.mjs\` being:

\`\`\`js
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const key = createPublicKey(readFileSync(process.argv[2] ?? process.env.PUBLIC_KEY));
const keyid = createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
const envelope = JSON.parse(readFileSync('${ENVELOPE_FILE}', 'utf8'));
const payload = Buffer.from(envelope.payload, 'base64');
const type = Buffer.from(envelope.payloadType);
const pae = Buffer.concat([Buffer.from(\`DSSEv1 \${type.length} \`), type, Buffer.from(\` \${payload.length} \`), payload]);
const signature = envelope.signatures.find((s) => s.keyid === keyid);
const hash = key.asymmetricKeyType === 'ed25519' ? null : 'sha256';
if (!signature || !verify(hash, pae, key, Buffer.from(signature.sig, 'base64'))) throw new Error('not signed by this key');
if (!payload.equals(readFileSync('${STATEMENT_FILE}'))) throw new Error('${STATEMENT_FILE} is not what was signed');
const own = ['${STATEMENT_FILE}', '${ENVELOPE_FILE}', '${MANIFEST_FILE}', '${CHECKSUMS_FILE}'];
const present = readdirSync('.', { recursive: true, withFileTypes: true }).filter((d) => !d.isDirectory());
if (present.some((d) => !d.isFile())) throw new Error('a link or special file is here');
const files = present.map((d) => join(d.parentPath ?? d.path, d.name).split('\\\\').join('/')).filter((p) => !own.includes(p));
const subjects = new Map(JSON.parse(payload).subject.map((s) => [s.name, s.digest.sha256]));
for (const file of files) {
  const digest = createHash('sha256').update(readFileSync(file)).digest('hex');
  if (subjects.get(file) !== digest) throw new Error(\`\${file} is not as signed\`);
}
if (files.length !== subjects.size) throw new Error('a signed file is missing');
console.log(\`verified: \${files.length} files, signed by \${keyid}\`);
\`\`\`
`;
}

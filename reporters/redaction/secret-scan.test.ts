import { test, expect } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { scanForSecrets } from './secret-scan.js';

const K = '465b5ce8b199b49faa5f0a2ee238a6bc';
const OPC = 'cd63cb71954a9f4e48a5994e37a02baf';

/** A zip with one deflated entry, as Playwright writes traces. */
function zipOf(name: string, content: Buffer): Buffer {
  const data = deflateRawSync(content);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const centralOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

test('finds secrets as text, upper-case hex, raw bytes, base64 at any offset, and inside gzip and zip', () => {
  const root = mkdtempSync(join(tmpdir(), 'roam-scan-'));
  try {
    const put = (path: string, content: string | Buffer) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), content);
    };
    put('clean/report.html', '<p>sub_0123456789abcdef attached</p>');
    put('text.log', `provisioned k=${K}`);
    put('upper.txt', `K: ${K.toUpperCase()}`);
    put('raw.bin', Buffer.concat([Buffer.from([1, 2, 3]), Buffer.from(OPC, 'hex'), Buffer.from([9])]));
    for (const pad of ['', 'x', 'xy'])
      put(`results${pad.length}.json`, JSON.stringify({ body: Buffer.from(`${pad}opc=${OPC}`).toString('base64') }));
    put('archive.tar.gz', gzipSync(Buffer.from(`...${K}...`)));
    put('trace.zip', zipOf('trace.network', Buffer.from(`{"postData":"${OPC}"}`)));
    const { findings, unopened, scanned } = scanForSecrets(root, { 'K of roamer 1': K, 'OPc of roamer 1': OPC });
    const found = findings.map((f) => `${f.file} ${f.secret}`).sort();
    expect(found).toEqual([
      'archive.tar.gz! K of roamer 1',
      'raw.bin OPc of roamer 1',
      'results0.json OPc of roamer 1',
      'results1.json OPc of roamer 1',
      'results2.json OPc of roamer 1',
      'text.log K of roamer 1',
      'trace.zip!trace.network OPc of roamer 1',
      'upper.txt K of roamer 1',
    ]);
    expect(findings.find((f) => f.file === 'upper.txt')?.form).toBe('hex (upper case)');
    expect(JSON.stringify(findings)).not.toContain(K);
    expect(unopened).toEqual([]);
    expect(scanned).toBe(11);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

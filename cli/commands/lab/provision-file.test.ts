import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { readProvisionFile } from './provision-file.js';

// TS 35.208 test set 1: a K and an OPc as a provisioning file holds them.
const K = '465b5ce8b199b49faa5f0a2ee238a6bc';
const OPC = 'cd63cb71954a9f4e48a5994e37a02baf';
const ROW = { imsi: '262010000000001', msisdn: '+4915100000001', home: '262-01', k: K, opc: OPC };

let dir: string;
test.beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'roam-provision-'))));
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The error `readProvisionFile` throws for `name` holding `text`. */
function errorFor(name: string, text: string): Error {
  const file = join(dir, name);
  writeFileSync(file, text);
  try {
    readProvisionFile(file);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${name} was read without an error`);
}

test('reads every row of a JSON Lines file, blank lines skipped', () => {
  const file = join(dir, 'subscribers.jsonl');
  writeFileSync(file, `${JSON.stringify(ROW)}\n\n${JSON.stringify({ ...ROW, imsi: '262010000000002' })}\n`);
  expect(readProvisionFile(file).map((row) => row.imsi)).toEqual(['262010000000001', '262010000000002']);
});

test('a malformed JSON Lines row is named by its line, and the keys on it are not quoted', () => {
  const error = errorFor('subscribers.jsonl', `\n${JSON.stringify(ROW)}\n{"imsi":"262010000000002","k":"${K}",opc:"${OPC}"}\n`);
  expect(error.message).toContain('subscribers.jsonl');
  expect(error.message).toContain('line 3: it is not valid JSON');
  expect(error.message).not.toContain(K);
  expect(error.message).not.toContain(OPC);
});

test('a JSON array cut short says so, without quoting the file', () => {
  const error = errorFor('subscribers.json', `[${JSON.stringify(ROW)}, {"k":"${K}"`);
  expect(error.message).toContain('the file: it ends too early');
  expect(error.message).not.toContain(K);
  expect(error.message).not.toContain(OPC);
});

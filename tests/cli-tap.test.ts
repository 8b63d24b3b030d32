import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeTapFile } from '../protocols/tap3/tap3-encode.js';
import { runRoam } from './support/roam-cli.js';

// `roam tap decode` as a user runs it: the built CLI in a subprocess.

const IMSI = '262011234567890';
let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roam-tap-cli-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function tapFile(): Promise<string> {
  const at = Date.UTC(2026, 2, 1, 12, 0, 0);
  const bytes = await encodeTapFile({
    kind: 'transferBatch',
    sender: 'FRAF1',
    recipient: 'DEUD1',
    fileSequenceNumber: 1,
    fileCreationTime: at,
    fileAvailableTime: at,
    transferCutOffTime: at,
    specificationVersion: 3,
    releaseVersion: 12,
    accounting: { localCurrency: 'EUR', tapDecimalPlaces: 6 },
    recordingEntities: [{ code: 1, type: 1, id: 'vlr-208-01' }],
    callEvents: [
      {
        kind: 'moc',
        imsi: IMSI,
        startTime: at - 60_000,
        duration: 42,
        teleServiceCode: '11',
        recEntityCode: 1,
        chargedItem: 'D',
        charge: 0.0133,
        chargedUnits: 42,
        operatorSpecInformation: ['roam:session=c1/1'],
      },
    ],
    audit: { totalCharge: 0.0133, totalTaxValue: 0, totalDiscountValue: 0, callEventDetailsCount: 1 },
  });
  const path = join(dir, 'TDFRAF1DEUD100001');
  writeFileSync(path, bytes);
  return path;
}

test('roam tap decode prints the file as JSON, identities as pseudonyms unless asked in clear', async () => {
  const path = await tapFile();
  const run = await runRoam(['tap', 'decode', path]);
  expect(run.code, run.stderr).toBe(0);
  const json = JSON.parse(run.stdout) as {
    kind: string;
    sender: string;
    fileCreationTime: string;
    callEvents: { imsi: string; duration: number }[];
    audit: { totalCharge: number };
  };
  expect(json).toMatchObject({
    kind: 'transferBatch',
    sender: 'FRAF1',
    fileCreationTime: '2026-03-01T12:00:00.000Z',
    audit: { totalCharge: 0.0133 },
  });
  expect(json.callEvents[0]!.duration).toBe(42);
  expect(run.stdout).not.toContain(IMSI);
  const clear = await runRoam(['tap', 'decode', path, '--identities', 'clear']);
  expect((JSON.parse(clear.stdout) as typeof json).callEvents[0]!.imsi).toBe(IMSI);
  expect((await runRoam(['tap', '--help'])).stdout).toContain('roam tap decode <file>');
});

test('roam tap decode: a file that is not TAP exits 1, bad input exits 2, each with one line', async () => {
  const junk = join(dir, 'junk');
  writeFileSync(junk, Buffer.from('not a tap file'));
  const notTap = await runRoam(['tap', 'decode', junk]);
  expect(notTap.code).toBe(1);
  expect(notTap.stdout).toBe('');
  expect(notTap.stderr).toMatch(/^\[roam\] Failed to decode TAP file .*junk: [^\n]+\n$/);
  const missing = await runRoam(['tap', 'decode', join(dir, 'nowhere')]);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/^\[roam\] Failed to read TAP file .*nowhere: no such file or folder\. Check the path\.\n$/);
  const none = await runRoam(['tap', 'decode']);
  expect(none.code).toBe(2);
  expect(none.stderr).toMatch(/^\[roam\] Failed to run roam tap: no file given/);
});

import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { serveElement } from '../../mocks/element/served-element.js';
import { hlrElement } from '../../mocks/hlr/element.js';
import { HlrClient } from '../../mocks/hlr/client.js';
import { runSuite } from '../core/run-suite.js';
import { hlrSuite } from '../hlr/hlr-suite.js';
import { openHlrTarget } from '../hlr/open-hlr-target.js';
import { fileSupply } from './subscriber-supply.js';
import { freshSubscriberKeys } from './test-subscriber.js';

let dir: string;
test.beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'roam-subscribers-'))));
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('subscribers the user provisioned, from a CSV: the suite provisions nothing and skips what the list cannot give', async () => {
  const agreements = new RoamingAgreements();
  agreements.add('262-01', '208-01');
  await using partner = await serveElement(hlrElement({ plmn: '262-01', agreements }));
  const admin = new HlrClient({ baseUrl: partner.url });
  const rows: string[] = ['imsi,msisdn,k,opc,roaming'];
  for (let i = 0; i < 22; i++) {
    const keys = freshSubscriberKeys('262-01');
    const barred = i >= 20;
    await admin.provision({ ...keys, roaming: { allowed: !barred } });
    rows.push(`${keys.imsi},${keys.msisdn},${keys.k},${keys.opc},${barred ? 'barred' : 'allowed'}`);
  }
  const csv = join(dir, 'subscribers.csv');
  writeFileSync(csv, rows.join('\n') + '\n');
  const before = partner.state.size;

  await using hlr = await openHlrTarget({ target: partner.url, subscribers: csv });
  expect(hlr.subscribers.statement).toMatch(
    /^subscribers were provisioned by the user \(22 rows of .*subscribers\.csv\); the suite provisions nothing$/,
  );
  const run = await runSuite(hlrSuite, hlr, hlr.implementation);
  expect(run.cases.filter((c) => c.status === 'failed')).toEqual([]);
  expect(run.cases.filter((c) => c.status === 'skipped').map((c) => [c.id, c.message])).toEqual([
    ['HLR-LOC-05', 'needs a subscriber allowed in some networks only, which a subscriber list cannot express'],
  ]);
  expect(partner.state.size).toBe(before);
});

test('a list runs out case by case, and a bad row is refused without showing its key', async () => {
  const keys = freshSubscriberKeys('262-01');
  const csv = join(dir, 'one.csv');
  writeFileSync(csv, `imsi,msisdn,k,opc\n${keys.imsi},${keys.msisdn.slice(1)},${keys.k},${keys.opc}\n`);
  const supply = fileSupply(csv);
  expect((await supply.subscriber()).msisdn).toBe(keys.msisdn);
  await expect(supply.subscriber()).rejects.toThrow(
    /needs one more subscriber with roaming allowed than .*one\.csv has: add a row with roaming=allowed/,
  );
  await expect(supply.subscriber({ roaming: 'barred' })).rejects.toThrow(/roaming=barred/);

  writeFileSync(csv, `imsi,msisdn,k,opc\n${keys.imsi},${keys.msisdn},${keys.k.slice(2)},${keys.opc}\n`);
  let message = '';
  try {
    fileSupply(csv);
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toMatch(/^\[roam\] Failed to read the subscribers of .*one\.csv: row 1: k is not 32 hex digits\. Write a CSV/);
  expect(message).not.toContain(keys.k.slice(2));
  writeFileSync(csv, 'imsi,k,opc\n');
  expect(() => fileSupply(csv)).toThrow(/the header has no msisdn column/);
});

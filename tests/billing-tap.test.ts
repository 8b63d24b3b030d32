import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeTapFile } from '../protocols/tap3/tap3-decode.js';
import { encodeTapFile } from '../protocols/tap3/tap3-encode.js';
import type { TapFile } from '../protocols/tap3/tap3-model.js';
import { billingWorld } from '../cli/demo/demo-run.js';
import { reconcileFromTap, tapFilesOf } from '../cli/demo/demo-tap.js';

// The billing demo's day, billed in TAP 3.12 files: each file is BER any ASN.1 parser reads, starts
// with its TransferBatch or Notification tag, decodes back to the records billing wrote, and carries
// audit totals equal to the sum of its records; ground truth reconciles against the files alone.

function has(tool: string): boolean {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function billedDay() {
  const { sim, roamers } = billingWorld();
  const [france, spain] = ['208-01', '214-01'];
  await sim.moveTo(roamers[0]!, france);
  await sim.moveTo(roamers[1]!, france);
  const call = await sim.initiateCall({ subscriber: roamers[0]!, calledParty: '+4930123456', visited: france });
  await sim.elapse(120_000);
  await sim.handoff(call.correlationId, spain);
  await sim.elapse(45_000);
  await sim.terminateCall(call.correlationId);
  const data = await sim.openDataSession(roamers[1]!);
  await sim.elapse(30_000);
  await data.close(40_000, 900_000);
  await sim.sendSms(roamers[1]!, '+4915100000000', 2);
  // A third visited network with no usage gets a notification.
  sim.registerVisitedNetwork('208-10');
  sim.agreements.add('262-01', '208-10', 'standard');
  return sim;
}

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roam-tap-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('each TAP file parses as BER with openssl, starts with its application tag, and decodes to the records with matching audit totals', async () => {
  test.skip(!has('openssl'), 'openssl is not installed (apt-get install openssl)');
  const sim = await billedDay();
  const files = await tapFilesOf(sim, { createdAt: sim.clock.now() });
  expect(files.map((f) => [f.name, f.kind, f.records.length])).toEqual([
    ['TDFRAF1DEUD100001', 'transferBatch', 3],
    ['TDESPATDEUD100001', 'transferBatch', 1],
    ['TDFRAF2DEUD100001', 'notification', 0],
  ]);
  for (const file of files) {
    const path = join(dir, file.name);
    writeFileSync(path, file.bytes);
    const parsed = execFileSync('openssl', ['asn1parse', '-inform', 'DER', '-in', path], { encoding: 'utf8' });
    const first = parsed.split('\n')[0]!;
    expect(first, file.name).toMatch(
      new RegExp(
        `^\\s*0:d=0\\s+hl=\\d+ l=\\s*${file.bytes.length - Number(/hl=(\d+)/.exec(first)![1])} cons: appl \\[ ${file.kind === 'transferBatch' ? 1 : 2} \\]`,
      ),
    );

    const decoded = await decodeTapFile(file.bytes, file.name);
    expect(decoded.notes.unknownFields).toEqual([]);
    if (decoded.kind !== 'transferBatch') continue;
    expect(decoded.callEvents.map((e) => e.operatorSpecInformation[0])).toEqual(file.records.map((r) => `roam:session=${r.sessionId}`));
    expect(decoded.callEvents.map((e) => [e.imsi, e.charge, e.chargedUnits])).toEqual(
      file.records.map((r) => [r.imsi, r.amount, r.chargedUnits]),
    );
    const sum = decoded.callEvents.reduce((total, e) => total + e.charge, 0);
    expect(decoded.audit.totalCharge).toBeCloseTo(sum, 6);
    expect(decoded.audit.callEventDetailsCount).toBe(decoded.callEvents.length);
  }
});

test('ground truth reconciles from the TAP files alone, each record traced to its test case and call event', async () => {
  const sim = await billedDay();
  const files = await tapFilesOf(sim, { createdAt: sim.clock.now() });
  const report = await reconcileFromTap(sim, files, 'BILL-TAP-01');
  expect(report.clean, report.summary).toBe(true);
  expect(report.matched).toBe(sim.journal.records.length);
  const correlations = new Map(sim.journal.records.map((t) => [t.sessionId, t.correlationId]));
  expect(report.crossReferences).toHaveLength(4);
  for (const x of report.crossReferences) {
    expect(x.testCase).toBe('BILL-TAP-01');
    expect(x.correlationId).toBe(correlations.get(x.sessionId));
    expect(x.correlationId).toMatch(/^(call|data|sms)-\d+$/);
  }
  expect(report.summary).toContain(`TDFRAF1DEUD100001#1 -> test BILL-TAP-01, call event ${report.crossReferences[0]!.correlationId}`);
});

test('a partner’s own TAP files, without this harness’s session notes, reconcile by content; a wrong charge in them is reported', async () => {
  const sim = await billedDay();
  const ours = await tapFilesOf(sim, { createdAt: sim.clock.now() });
  // Re-issue the files as another system would: no operator notes, and one call event over-charged.
  const theirs = await Promise.all(
    ours.map(async (f) => {
      const file = await decodeTapFile(f.bytes);
      const { notes: _notes, ...plain } = file;
      if (plain.kind !== 'transferBatch') return { name: f.name.replace(/^TD/, 'CD'), bytes: await encodeTapFile(plain) };
      const callEvents = plain.callEvents.map((e, i) => ({
        ...e,
        operatorSpecInformation: [],
        charge: f.name === 'TDFRAF1DEUD100001' && i === 0 ? e.charge + 1 : e.charge,
      }));
      const totalCharge = callEvents.reduce((t, e) => t + e.charge, 0);
      const partner: TapFile = { ...plain, callEvents, audit: { ...plain.audit, totalCharge: Math.round(totalCharge * 1e6) / 1e6 } };
      return { name: f.name.replace(/^TD/, 'CD'), bytes: await encodeTapFile(partner) };
    }),
  );
  const report = await reconcileFromTap(sim, theirs, 'BILL-TAP-02');
  expect(report.missing, report.summary).toEqual([]);
  expect(report.unexpected).toEqual([]);
  expect(report.misRated.map((m) => m.billed.recordId)).toEqual(['CDFRAF1DEUD100001#1']);
  expect(report.misRated[0]!.problems[0]).toMatch(/EUR instead of/);
  expect(report.matched).toBe(3);
  expect(report.crossReferences.length).toBeGreaterThan(0);
  expect(report.crossReferences.every((x) => x.testCase === 'BILL-TAP-02' && x.correlationId !== '')).toBe(true);
});

test('a TAP file whose audit totals do not add up makes the reconciliation unclean', async () => {
  const sim = await billedDay();
  const [first] = await tapFilesOf(sim, { createdAt: sim.clock.now() });
  const decoded = await decodeTapFile(first!.bytes);
  if (decoded.kind !== 'transferBatch') throw new Error('the first file is a batch');
  const { notes: _notes, ...plain } = decoded;
  const bad = await encodeTapFile({
    ...plain,
    audit: { ...plain.audit, totalCharge: plain.audit.totalCharge + 5, callEventDetailsCount: 9 },
  });
  const report = await reconcileFromTap(sim, [{ name: first!.name, bytes: bad }], 'BILL-TAP-03');
  expect(report.clean).toBe(false);
  expect(report.files[0]!.problems).toEqual([
    expect.stringMatching(/^audit total charge [\d.]+ but its records add up to [\d.]+$/),
    'audit counts 9 call events but the file has 3',
  ]);
});

test('a call the roamer received is a MobileTerminatedCall in TAP, one it made a MobileOriginatedCall, and both reconcile', async () => {
  const { sim, roamers } = billingWorld();
  await sim.moveTo(roamers[0]!, '208-01');
  const made = await sim.initiateCall({ subscriber: roamers[0]!, calledParty: '+4930123456', visited: '208-01' });
  await sim.elapse(30_000);
  await sim.terminateCall(made.correlationId);
  const received = await sim.receiveCall({ subscriber: roamers[0]!, callingParty: '+4930654321' });
  await sim.elapse(50_000);
  await sim.terminateCall(received.correlationId);
  const [file] = await tapFilesOf(sim, { createdAt: sim.clock.now() });
  const decoded = await decodeTapFile(file!.bytes);
  const events = decoded.kind === 'transferBatch' ? decoded.callEvents : [];
  expect(events.map((e) => e.kind)).toEqual(['moc', 'mtc']);
  // Charged in whole seconds started: the call's 30 s plus its set-up.
  expect(events.map((e) => Math.floor(e.duration / 10))).toEqual([3, 5]);
  const result = await reconcileFromTap(sim, [file!], 'BILL-MTC');
  expect(result.clean, result.summary).toBe(true);
});

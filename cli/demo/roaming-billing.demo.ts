import { test, expect } from '../../index.js';
import { cdrsCsv } from '../../reporters/billing/cdr-table.js';
import { reconciliationCsv, reconciliationHtml } from '../../reporters/billing/reconciliation-report.js';
import { usageRecordsByVisitedNetwork, usageRecordsCsv } from '../../reporters/billing/usage-records.js';
import { attachScenarioReport } from '../../reporters/scenario-report.js';
import type { AttachOutcome } from '../../simulator/procedures/attach.js';
import { billingWorld, DEMO_SCENARIOS, RUN_DATA, writeRunData } from './demo-run.js';
import { reconcileFromTap, tapFilesOf } from './demo-tap.js';

// A roaming day in the pure simulator on its virtual clock: German roamers in
// France and Spain attach, call home (one call handed over to Spain), browse
// and text; billing is reconciled against what they really did, and the CDRs
// and TAP-like usage records of each visited network are written for the evidence.

test('BILL-01: a roaming day in France and Spain is billed exactly as used', { tag: ['@billing', '@reconciliation'] }, async () => {
  const { sim, roamers } = billingWorld();
  const [france, spain] = DEMO_SCENARIOS.billing.visited;
  const attaches: AttachOutcome[] = [];
  const callSetups: number[] = [];

  await test.step(`attach ${roamers.length} roamers in ${france}`, async () => {
    for (const roamer of roamers) attaches.push(await sim.moveTo(roamer, france));
  });
  await test.step('a call home, handed over to Spain after two minutes', async () => {
    const call = await sim.initiateCall({ subscriber: roamers[0]!, calledParty: '+4930123456', visited: france });
    if (call.timings.callSetupMs !== null) callSetups.push(call.timings.callSetupMs);
    await sim.elapse(120_000);
    await sim.handoff(call.correlationId, spain);
    await sim.elapse(45_000);
    await sim.terminateCall(call.correlationId);
  });
  await test.step('data sessions and short messages', async () => {
    const session = await sim.openDataSession(roamers[1]!);
    await sim.elapse(30_000);
    await session.report(150_000, 2_400_000);
    await sim.elapse(30_000);
    await session.close(40_000, 900_000);
    await sim.sendSms(roamers[2]!, '+4915100000000', 2);
    await sim.deliverSms(roamers[2]!, '+4915100000001');
  });
  await test.step(`a roamer moves on to ${spain} and calls from there`, async () => {
    attaches.push(await sim.moveTo(roamers[2]!, spain));
    const call = await sim.initiateCall({ subscriber: roamers[2]!, calledParty: '+4930123457', visited: spain });
    if (call.timings.callSetupMs !== null) callSetups.push(call.timings.callSetupMs);
    await sim.elapse(61_000);
    await sim.terminateCall(call.correlationId);
  });

  const reconciliation = await sim.reconcile();
  const billed = sim.billedRecords();
  const events = sim.eventLog?.events ?? [];
  await test.step('write the event log, CDRs, usage records and reconciliation', async () => {
    writeRunData(RUN_DATA.events, 'roaming-billing.jsonl', sim.eventLog?.toJsonLines() ?? '');
    for (const plmn of DEMO_SCENARIOS.billing.visited) {
      writeRunData(
        RUN_DATA.cdrs,
        `cdrs-${plmn}.csv`,
        cdrsCsv(
          billed.filter((r) => r.visitedPlmn === plmn),
          sim.hasher,
        ),
      );
    }
    const charging = sim.homeNetworks.flatMap((home) => home.ledger.events());
    for (const [plmn, records] of usageRecordsByVisitedNetwork(charging, sim.hasher)) {
      writeRunData(RUN_DATA.usage, `usage-${plmn}.csv`, usageRecordsCsv(records));
    }
    writeRunData(RUN_DATA.reconciliation, 'reconciliation.html', reconciliationHtml(reconciliation, { identities: sim.hasher }));
    writeRunData(RUN_DATA.reconciliation, 'reconciliation.csv', reconciliationCsv(reconciliation, { identities: sim.hasher }));
    writeRunData(RUN_DATA.reconciliation, 'reconciliation.txt', reconciliation.summary + '\n');
  });
  const tap = await test.step('write TAP 3.12 files per visited -> home pair, and reconcile from them alone', async () => {
    const files = await tapFilesOf(sim, { createdAt: sim.clock.now() });
    for (const file of files) writeRunData(RUN_DATA.tap, file.name, file.bytes);
    const report = await reconcileFromTap(sim, files, 'BILL-01');
    writeRunData(RUN_DATA.reconciliation, 'tap-reconciliation.txt', report.summary + '\n');
    return report;
  });

  await attachScenarioReport({
    title: 'a roaming day in France and Spain is billed exactly as used',
    metadata: {
      id: 'BILL-01',
      epic: 'International roaming',
      feature: 'Billing',
      story: 'Reconcile CDRs with usage',
      owner: 'roaming-billing',
      severity: 'critical',
      tags: ['billing', 'reconciliation'],
      partnerCases: ['TD.57-RAP-01'],
      file: 'cli/demo/roaming-billing.demo.ts',
    },
    parameters: {
      seed: String(DEMO_SCENARIOS.billing.seed),
      clock: 'virtual',
      'HLR backend': 'simulator',
      'chaos backend': 'none',
      'active faults': 'none',
    },
    events,
    procedures: attaches,
    latencies: [
      { name: 'attach_latency', samplesMs: attaches.map((a) => a.latencyMs), slo: 'p(95)<1000ms' },
      { name: 'call_setup', samplesMs: callSetups, slo: 'max<2000ms' },
    ],
    reconciliation,
    identities: sim.hasher,
  });

  expect(attaches.map((a) => a.state)).toEqual(attaches.map(() => 'REGISTERED'));
  expect(
    attaches.map((a) => a.latencyMs),
    'attach_latency p(95)<1000ms',
  ).toMeetSlo('p(95)<1000ms');
  expect(billed.map((r) => r.visitedPlmn).sort()).toEqual(expect.arrayContaining([france, spain]));
  expect(reconciliation.clean, reconciliation.summary).toBe(true);
  expect(tap.clean, tap.summary).toBe(true);
  expect(tap.crossReferences.every((x) => x.testCase === 'BILL-01' && x.correlationId !== '')).toBe(true);
});

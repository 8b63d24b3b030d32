import { test, expect } from '@playwright/test';
import { realClock } from '../../core/clock.js';
import { EventDigest } from '../event-digest.js';
import { EventLog } from '../roaming-events.js';
import { RoamingSimulator } from './roaming-simulator.js';
import { runRoamingDay } from './roaming-day.js';

const sixHours = 6 * 3600_000;

async function logOf(seed: number): Promise<{ lines: string; report: Awaited<ReturnType<typeof runRoamingDay>> }> {
  const log = new EventLog();
  const report = await runRoamingDay({ seed, subscribers: 30, durationMs: sixHours, events: log.sink });
  return { lines: log.toJsonLines(), report };
}

test('two virtual runs with the same seed write the same event log, byte for byte; another seed another log', async () => {
  const first = await logOf(1);
  const second = await logOf(1);
  const other = await logOf(2);
  expect(first.lines.length).toBeGreaterThan(10_000);
  expect(second.lines === first.lines).toBe(true);
  expect(other.lines === first.lines).toBe(false);
  expect(second.report.statistics).toEqual(first.report.statistics);
  expect(second.report.procedures).toEqual(first.report.procedures);
  // Every kind of procedure ran, and billing reconciles with what the phones did.
  for (const kind of ['attach', 'location-update', 'call', 'incoming-call', 'data', 'sms', 'incoming-sms'])
    expect(first.report.procedures[kind]).toBeGreaterThan(0);
  expect(first.report.reconciliation.clean, first.report.reconciliation.summary).toBe(true);
  expect(first.report.simulatedMs).toBeGreaterThanOrEqual(sixHours);
  expect(first.report.speedUp).toBeGreaterThan(1000);
});

test('the digest of a run is the SHA-256 of its JSON lines, so large runs compare in constant memory', async () => {
  const log = new EventLog();
  const digest = new EventDigest();
  await runRoamingDay({ seed: 4, subscribers: 10, durationMs: 3600_000, events: (e) => (log.sink(e), digest.sink(e)) });
  const { createHash } = await import('node:crypto');
  expect(digest.hex()).toBe(createHash('sha256').update(log.toJsonLines()).digest('hex'));
  expect(digest.count).toBe(log.events.length);
  const again = await runRoamingDay({ seed: 4, subscribers: 10, durationMs: 3600_000 });
  expect(again.eventDigest).toBe(digest.hex());
});

test('events follow the users’ schema, carry pseudonyms, and never an IMSI, MSISDN, K or OPc', async () => {
  const log = new EventLog();
  const sim = new RoamingSimulator({ seed: 8, events: log.sink });
  sim.registerHomeNetwork('262-01');
  sim.registerVisitedNetwork('208-01');
  sim.registerVisitedNetwork('214-01');
  const roamers = sim.createSubscribers({ home: '262-01', count: 3 });
  for (const r of roamers) {
    await sim.attach(r, '208-01');
    await sim.updateLocation(r);
    const call = await sim.initiateCall({ subscriber: r, calledParty: '+33612345678', visited: '208-01' });
    await sim.handoff(call.correlationId, '214-01');
    await sim.terminateCall(call.correlationId);
    const data = await sim.openDataSession(r);
    await data.close(1, 1);
    await sim.sendSms(r, '+4915100000000');
    await sim.detach(r);
  }
  const lines = log.toJsonLines();
  const types = new Set(log.events.map((e) => e.event_type));
  expect([...types].sort()).toEqual(['attach', 'call', 'data_session', 'detach', 'handoff', 'location_update', 'sms_mo']);
  for (const event of log.events) {
    expect(Object.keys(event)).toEqual([
      'event_type',
      'timestamp',
      'subscriber_id',
      'visited_mcc_mnc',
      'latency_ms',
      'result',
      'failure_reason',
      'correlation_id',
      'transition',
    ]);
    expect(event.subscriber_id).toMatch(/^sub_[0-9a-f]{16}$/);
  }
  for (const r of roamers) {
    const { k, opc } = r.credentials.reveal();
    for (const secret of [r.imsi, r.msisdn, r.msisdn.slice(1), k, opc]) expect(lines).not.toContain(secret);
  }
});

test('the same day runs on the real clock: the same procedures, taking real time', async () => {
  const fast = {
    attachWindowMinutes: 0.005,
    periodicUpdateMinutes: 0.005,
    callsPerDay: 400_000,
    incomingCallsPerDay: 0,
    meanCallSeconds: 0.1,
    dataSessionsPerDay: 200_000,
    meanDataSessionMinutes: 0.002,
    interimReportMinutes: 0.001,
    smsPerDay: 200_000,
    incomingSmsPerDay: 0,
    networkChangesPerDay: 0,
  };
  const started = performance.now();
  const report = await runRoamingDay({ seed: 3, subscribers: 4, durationMs: 2000, clock: realClock, traffic: fast });
  const wall = performance.now() - started;
  // Lives end when their next action would fall after the two seconds, so a little under them.
  expect(wall).toBeGreaterThan(1500);
  expect(wall).toBeLessThan(20_000);
  expect(report.speedUp).toBeGreaterThan(0.5);
  expect(report.speedUp).toBeLessThan(1.01);
  expect(report.firedTimers).toBe(0);
  expect(report.procedures['attach']).toBe(4);
  expect((report.procedures['call'] ?? 0) + (report.procedures['data'] ?? 0) + (report.procedures['sms'] ?? 0)).toBeGreaterThan(8);
  expect(report.procedures['location-update']).toBeGreaterThan(4);
  expect(report.reconciliation.clean, report.reconciliation.summary).toBe(true);
});

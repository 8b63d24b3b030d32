import { test, expect } from '@playwright/test';
import { rateCdrs } from '../../../mocks/billing/billing-state.js';
import type { ChargingEvent } from '../../../simulator/signaling/ports.js';
import { RatingEngine } from '../../../simulator/billing/rating.js';
import { startDiameterStage } from '../../../tests/support/diameter-stage.js';
import { DiameterTrace } from '../diameter-trace.js';
import { CreditLimitReachedError } from './gy-errors.js';
import { GyChargingPort } from './gy-charging-port.js';
import { PrepaidCredit } from './prepaid-credit.js';

// Gy between the VLRs' charging clients and the OCS front over real sockets:
// the four request types with their service units, retransmission with the
// T flag billed once, failover to a second OCS, and prepaid credit.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a call, a data session and an SMS are billed through CCR-I/U/T/E with their service units', async () => {
  const trace = new DiameterTrace();
  await using stage = await startDiameterStage({ onTraffic: trace.onTraffic });
  const roamer = stage.subscriber();
  expect((await stage.attach(roamer, '208-01')).state).toBe('REGISTERED');
  const vlr = stage.vlrs.get('208-01')!;

  const call = await vlr.originateCall({ imsi: roamer.imsi, otherParty: '+33612345678' });
  await sleep(1_100);
  const released = await vlr.releaseCall(call.callId);
  const data = await vlr.openDataSession({ imsi: roamer.imsi });
  await vlr.reportDataUsage({ sessionId: data.sessionId, bytesUp: 1_000, bytesDown: 4_000 });
  await vlr.closeDataSession({ sessionId: data.sessionId, bytesUp: 500, bytesDown: 500 });
  await vlr.submitShortMessage({ imsi: roamer.imsi, otherParty: '+33612345678', segments: 2 });
  await vlr.settled();

  const { records, unrated } = rateCdrs(stage.billing);
  expect(unrated).toEqual([]);
  const byService = Object.fromEntries(records.map((r) => [r.service, r]));
  expect(byService['voice']).toMatchObject({
    imsi: roamer.imsi,
    visitedPlmn: '208-01',
    seconds: Math.ceil(released.seconds),
    sessionId: call.legId,
  });
  expect(byService['data']).toMatchObject({ bytes: 6_000, sessionId: data.sessionId });
  expect(byService['sms']).toMatchObject({ messages: 2 });
  expect(stage.billing.cdrs.registrations).toBe(1);

  const ccrs = trace.steps.filter((s) => s.name === 'CCR').map((s) => s.message!);
  const field = (m: (typeof ccrs)[number], name: string) => m.avps.find((a) => a.name === name)?.value;
  expect(ccrs.map((m) => field(m, 'CC-Request-Type'))).toEqual([
    'INITIAL_REQUEST (1)', // registration
    'INITIAL_REQUEST (1)', // call
    'TERMINATION_REQUEST (3)',
    'INITIAL_REQUEST (1)', // data
    'UPDATE_REQUEST (2)',
    'TERMINATION_REQUEST (3)',
    'EVENT_REQUEST (4)', // SMS
  ]);
  expect(ccrs.map((m) => field(m, 'CC-Request-Number'))).toEqual([0, 0, 1, 0, 1, 2, 0]);
  expect(ccrs.map((m) => field(m, 'Service-Context-Id'))).toEqual([
    'registration.32251@3gpp.org',
    '32276@3gpp.org',
    '32276@3gpp.org',
    '32251@3gpp.org',
    '32251@3gpp.org',
    '32251@3gpp.org',
    '32274@3gpp.org',
  ]);
  expect(
    trace.steps.filter((s) => s.name === 'CCA').every((s) => s.message!.avps.some((a) => a.name === 'Result-Code' && a.value === 2001)),
  ).toBe(true);
});

const event = (imsi: string, over: Partial<ChargingEvent> = {}): ChargingEvent => ({
  idempotencyKey: 'leg-1:start:1',
  kind: 'start',
  sessionId: 'leg-1',
  imsi,
  visitedPlmn: '208-01',
  service: 'voice',
  at: Date.UTC(2026, 0, 1),
  ...over,
});

test('an event sent again goes out with the T flag, the same number and End-to-End id, and is billed once', async () => {
  const trace = new DiameterTrace();
  await using stage = await startDiameterStage({ onTraffic: trace.onTraffic });
  const roamer = stage.subscriber();
  const charging = new GyChargingPort({ peers: stage.ocsClients.get('208-01')! });
  const start = event(roamer.imsi);
  const stop = event(roamer.imsi, { idempotencyKey: 'leg-1:stop:2', kind: 'stop', usage: { seconds: 42.2 } });
  await charging.record(start);
  await charging.record(stop);
  await charging.record(stop);
  const ccrs = trace.steps.filter((s) => s.name === 'CCR').map((s) => s.message!);
  expect(ccrs.map((m) => m.flags)).toEqual(['RP', 'RP', 'RPT']);
  expect(ccrs[2]!.endToEndId).toBe(ccrs[1]!.endToEndId);
  expect(ccrs[2]!.avps.find((a) => a.name === 'CC-Request-Number')?.value).toBe(1);
  expect(stage.billing.ledger.size).toBe(2);
  expect(stage.billing.cdrs.records).toEqual([expect.objectContaining({ seconds: 43, sessionId: 'leg-1' })]);
});

test('an OCS that is busy or down is failed over to the next, with the T flag, and the session stays there', async () => {
  const trace = new DiameterTrace();
  let busy = true;
  await using stage = await startDiameterStage({ onTraffic: trace.onTraffic, secondaryOcs: true, ocs: { busy: () => busy } });
  const roamer = stage.subscriber();
  const [primary, secondary] = stage.ocsClients.get('208-01')!;
  const charging = new GyChargingPort({ peers: [primary!, secondary!], txTimeoutMs: 1_000 });
  // Both OCSs share the busy switch: while it is on, nothing answers but 3004.
  await expect(charging.record(event(roamer.imsi))).rejects.toThrow(/DIAMETER_TOO_BUSY/);
  busy = false;
  await stage.ocs[0]!.close();
  await charging.record(event(roamer.imsi, { idempotencyKey: 'leg-2:start:1', sessionId: 'leg-2' }));
  await charging.record(event(roamer.imsi, { idempotencyKey: 'leg-2:stop:2', sessionId: 'leg-2', kind: 'stop', usage: { seconds: 5 } }));
  const toSecondary = trace.steps.filter((s) => s.name === 'CCR' && s.to.endsWith(`:${stage.ocs[1]!.port}`)).map((s) => s.message!.flags);
  expect(toSecondary).toEqual(['RPT', 'RPT', 'RP']);
  expect(stage.billing.cdrs.records).toEqual([expect.objectContaining({ sessionId: 'leg-2', seconds: 5 })]);
});

test('prepaid credit: a subscriber with none is refused a start (4012); one who runs out mid-session gets no more units', async () => {
  const stage0 = await startDiameterStage();
  const [broke, thrifty] = [stage0.subscriber(), stage0.subscriber()];
  await stage0.close();
  const rating = new RatingEngine(stage0.agreements);
  const credit = new PrepaidCredit({ rating, homePlmn: '262-01', balances: { [broke.imsi]: 0, [thrifty.imsi]: 0.01 } });
  await using stage = await startDiameterStage({ ocs: { credit } });
  for (const s of [broke, thrifty]) stage.hlr.provision({ imsi: s.imsi, msisdn: s.msisdn, ...s.credentials.reveal() });
  const limited: ChargingEvent[] = [];
  const charging = new GyChargingPort({ peers: stage.ocsClients.get('208-01')!, onCreditLimitReached: (e) => limited.push(e) });

  const refused = await charging.record(event(broke.imsi)).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(CreditLimitReachedError);
  expect(stage.billing.ledger.size).toBe(0);

  const session = { sessionId: 'data-9', service: 'data' } as const;
  await charging.record(event(thrifty.imsi, { ...session, idempotencyKey: 'data-9:start:1' }));
  await charging.record(
    event(thrifty.imsi, { ...session, kind: 'interim', idempotencyKey: 'data-9:interim:2', usage: { bytes: 5_000_000 } }),
  );
  expect(limited.map((e) => e.kind)).toEqual(['interim']);
  expect(credit.balance(thrifty.imsi)).toBeLessThan(0);
});

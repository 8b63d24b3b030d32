import { test, expect } from '@playwright/test';
import { rateCdrs } from '../mocks/billing/billing-state.js';
import { startEmbeddedBackend } from '../chaos/backends/embedded-backend.js';
import { ChaosNetwork } from '../chaos/chaos-network.js';
import type { LinkTraffic } from '../chaos/link-info.js';
import { DiameterTrace } from '../peers/diameter/diameter-trace.js';
import { startDiameterStage, type AttachResult, type LinkRouter, type RoamingStage } from './support/diameter-stage.js';
import { startHttpRoamingStage } from './support/http-roaming-stage.js';

// The same roaming scenarios over the harness's HTTP elements and over
// Diameter (S6a to the HSS, Gy to the OCS), at the port level on
// 127.0.0.1: the phone and billing see the same thing, and faults on the
// home link (partition, latency, reset) through the embedded Toxiproxy give
// the same reject causes and the same recovery.

type Start = (options: { through?: LinkRouter }) => Promise<RoamingStage>;
const PROTOCOLS: Readonly<Record<'http' | 'diameter', { start: Start; traffic: LinkTraffic }>> = {
  http: { start: (o) => startHttpRoamingStage({ ...o, timeoutMs: 1_000 }), traffic: 'request-response' },
  diameter: { start: (o) => startDiameterStage({ ...o, s6aTimeoutMs: 1_000, gyTimeoutMs: 1_000 }), traffic: 'stream' },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const outcome = (r: AttachResult) => (r.state === 'REJECTED' ? r.cause : r.state);

async function roamingScenario(stage: RoamingStage) {
  const [roamer, stranger] = [stage.subscriber(), stage.subscriber({ provision: false })];
  const [france, spain] = [stage.vlrs.get('208-01')!, stage.vlrs.get('214-01')!];
  const attach = await stage.attach(roamer, '208-01');
  const call = await france.originateCall({ imsi: roamer.imsi, otherParty: '+33612345678' });
  await sleep(50);
  const handover = await france.handover({ callId: call.callId, targetPlmn: '214-01' });
  await sleep(50);
  await spain.releaseCall(call.callId);
  await stage.hlr.cancellationsSettled();
  const registeredIn = [...stage.vlrs.entries()].filter(([, vlr]) => vlr.records.has(roamer.imsi)).map(([plmn]) => plmn);
  const detach = await spain.detach({ imsi: roamer.imsi });
  const unknown = await stage.attach(stranger, '208-01');
  stage.agreements.bar('262-01', '214-01');
  const barred = await stage.attach(roamer, '214-01');
  await Promise.all([...stage.vlrs.values()].map((v) => v.settled()));
  const { records, unrated } = rateCdrs(stage.billing);
  return {
    attach,
    handover: { from: handover.fromPlmn, to: handover.toPlmn },
    registeredIn,
    servingAfterDetach: stage.hlr.find(roamer.imsi)?.servingVlr ?? null,
    detach: detach.kind,
    unknown: outcome(unknown),
    barred: outcome(barred),
    registrations: stage.billing.cdrs.registrations,
    open: stage.billing.cdrs.openSessions.length,
    billed: records.map((r) => ({
      service: r.service,
      visited: r.visitedPlmn,
      units: r.chargedUnits,
      unit: r.unit,
      amount: r.amount,
      tariff: r.tariff,
    })),
    unrated: unrated.length,
  };
}

test('attach, call, handover to another country and detach: the phone and billing see the same over HTTP and over Diameter', async () => {
  const results = [];
  for (const protocol of ['http', 'diameter'] as const) {
    await using stage = await PROTOCOLS[protocol].start({});
    results.push(await roamingScenario(stage));
  }
  const [http, diameter] = results;
  expect(http).toMatchObject({
    attach: { state: 'REGISTERED' },
    handover: { from: '208-01', to: '214-01' },
    registeredIn: ['214-01'],
    servingAfterDetach: null,
    detach: 'detached',
    unknown: 'IMSI_UNKNOWN',
    barred: 'PLMN_NOT_ALLOWED',
    open: 0,
    unrated: 0,
  });
  expect(http!.billed.map((b) => `${b.service} ${b.visited}`)).toEqual(['voice 208-01', 'voice 214-01']);
  expect(diameter).toEqual(http);
});

async function chaosRouter(traffic: LinkTraffic) {
  const backend = await startEmbeddedBackend('Diameter fault tests');
  const chaos = new ChaosNetwork(backend);
  const through: LinkRouter = async (link, upstream) => {
    const info = await chaos.addLink(link, `${upstream.host}:${upstream.port}`, { traffic });
    const port = Number(info.listen.slice(info.listen.lastIndexOf(':') + 1));
    return { host: '127.0.0.1', port };
  };
  return { backend, chaos, through };
}

for (const protocol of ['http', 'diameter'] as const) {
  test(`${protocol}: partition, latency and reset on the home link reject with NETWORK_FAILURE and recover`, async () => {
    test.setTimeout(90_000);
    const { backend, chaos, through } = await chaosRouter(PROTOCOLS[protocol].traffic);
    try {
      await using stage = await PROTOCOLS[protocol].start({ through });
      const link = chaos.link('vlr:208-01 -> hlr:262-01');
      const roamer = stage.subscriber();
      const seen: string[] = [];
      const attach = async () => seen.push(outcome(await stage.attach(roamer, '208-01')));
      // A proxy may close the connections of a link when a fault goes (the embedded Toxiproxy
      // does when a blackhole heals), so the first request after it can still fail, over HTTP
      // as over Diameter: recovery is a registration within three attempts.
      const recover = async () => {
        for (let attempt = 0; attempt < 3; attempt++) {
          if ((await stage.attach(roamer, '208-01')).state === 'REGISTERED') return seen.push('recovered');
        }
        seen.push('not recovered');
      };

      await attach();
      const blackhole = await link.partition();
      await attach();
      await blackhole.remove();
      await recover();
      const refused = await link.partition({ mode: 'refused' });
      await attach();
      await refused.remove();
      await recover();
      const slow = await link.latency({ ms: 1_500 });
      await attach();
      await slow.remove();
      await recover();
      const tolerable = await link.latency({ ms: 150 });
      await attach();
      await tolerable.remove();
      const reset = await link.reset();
      await attach();
      await reset.remove();
      await recover();

      expect(seen).toEqual([
        'REGISTERED',
        'NETWORK_FAILURE', // blackhole partition
        'recovered',
        'NETWORK_FAILURE', // refused partition
        'recovered',
        'NETWORK_FAILURE', // latency beyond the request timeout
        'recovered',
        'REGISTERED', // latency within it
        'NETWORK_FAILURE', // connections reset
        'recovered',
      ]);
    } finally {
      await backend.close();
    }
  });
}

test('diameter: a partition on the link to the primary OCS fails charging over to the secondary with the T flag, and the call is billed once', async () => {
  test.setTimeout(60_000);
  const { backend, chaos, through } = await chaosRouter('stream');
  const trace = new DiameterTrace();
  try {
    await using stage = await startDiameterStage({ through, secondaryOcs: true, gyTimeoutMs: 800, onTraffic: trace.onTraffic });
    const roamer = stage.subscriber();
    expect(outcome(await stage.attach(roamer, '208-01'))).toBe('REGISTERED');
    const cut = await chaos.link('vlr:208-01 -> billing:262-01').partition();
    const france = stage.vlrs.get('208-01')!;
    const call = await france.originateCall({ imsi: roamer.imsi, otherParty: '+33612345678' });
    await sleep(50);
    await france.releaseCall(call.callId);
    await cut.remove();
    await france.settled();

    // What the secondary OCS received (the trace also holds each message's copy on the proxy's client side).
    const atSecondary = trace.steps.filter((s) => s.name === 'CCR' && s.to.endsWith(`:${stage.ocs[1]!.port}`));
    const type = (s: (typeof atSecondary)[number]) => s.message!.avps.find((a) => a.name === 'CC-Request-Type')!.value;
    expect(atSecondary.map((s) => `${type(s)} ${s.message!.flags}`)).toEqual(['INITIAL_REQUEST (1) RPT', 'TERMINATION_REQUEST (3) RP']);
    expect(rateCdrs(stage.billing).records).toEqual([
      expect.objectContaining({ service: 'voice', visitedPlmn: '208-01', sessionId: call.legId }),
    ]);
    expect(stage.billing.ledger.size).toBe(3);
  } finally {
    await backend.close();
  }
});

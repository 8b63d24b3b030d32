import { test, expect, type RoamingWorld } from 'roaming-harness';
import { runDrill, formatDrillReport, type DrillProbe } from 'roaming-harness/chaos';

// Drills run against the worker's roaming world: load (attaches) and faults on the
// timeline, a steady-state hypothesis polled after each fault until it holds again.
const RECOVERY_BUDGET_MS = 3000;

/** A probe: fresh attaches in France register. */
function attachesRegister(world: RoamingWorld): DrillProbe {
  return {
    name: 'attach success',
    tolerance: '>= 0.99',
    probe: async () => {
      const roamers = await world.subscribers.createMany({ count: 2 });
      const outcomes = await Promise.all(roamers.map((r) => world.attach(r, { visited: '208-01' })));
      return outcomes.filter((o) => o.state === 'REGISTERED').length / outcomes.length;
    },
  };
}

/** A probe: a fresh attach's charging start reaches the home billing system within a second. */
function chargingReachesBilling(world: RoamingWorld): DrillProbe {
  return {
    name: 'charging reaches billing',
    tolerance: true,
    probe: async () => {
      const roamer = await world.subscribers.create();
      await world.attach(roamer, { visited: '208-01' });
      for (let tries = 0; tries < 10; tries++) {
        if ((await world.billing().list()).some((event) => event.imsi === roamer.imsi && event.kind === 'start')) return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return false;
    },
  };
}

/** A 2 s refused partition on `link` under 8 attaches a second for 4 s, with `probe` as the steady state. */
async function partitionDrill(world: RoamingWorld, title: string, link: string, probe: DrillProbe) {
  const roamers = await world.subscribers.createMany({ count: 10 });
  let next = 0;
  const report = await runDrill(
    {
      title,
      steadyState: { probes: [probe] },
      method: [
        { at: '500ms', for: '2s', fault: { link, type: 'partition', mode: 'refused' } },
        {
          at: 0,
          for: '4s',
          load: {
            name: 'attaches',
            ratePerSecond: 8,
            run: async () => (await world.attach(roamers[next++ % roamers.length]!, { visited: '208-01' })).state === 'REGISTERED',
          },
        },
      ],
      recovery: { pollEvery: '100ms', timeout: '10s' },
    },
    { target: world.chaos },
  );
  console.log(formatDrillReport(report));
  return report;
}

test('inter-PLMN partition: France loses the German HLR for 2 s, attaches recover within budget', async ({ world }) => {
  const report = await partitionDrill(
    world,
    'Inter-PLMN partition vlr:208-01 -> hlr:262-01',
    'vlr:208-01 -> hlr:262-01',
    attachesRegister(world),
  );
  expect(report.status).toBe('passed');
  const [partition] = report.faults;
  expect(partition!.recovered).toBe(true);
  expect(partition!.recoveryMs!).toBeLessThan(RECOVERY_BUDGET_MS);
  // The partition really hurt: attaches failed while it was on.
  expect(report.loads[0]!.failed).toBeGreaterThan(0);
});

test('billing outage: attaches keep working, charging reaches billing again within budget', async ({ world }) => {
  const report = await partitionDrill(
    world,
    'Billing outage vlr:208-01 -> billing:262-01',
    'vlr:208-01 -> billing:262-01',
    chargingReachesBilling(world),
  );
  expect(report.status).toBe('passed');
  expect(report.faults[0]!.recovered).toBe(true);
  expect(report.faults[0]!.recoveryMs!).toBeLessThan(RECOVERY_BUDGET_MS);
  // Billing being down never fails a subscriber's attach.
  expect(report.loads[0]!.failed).toBe(0);
});

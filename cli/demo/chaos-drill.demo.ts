import { test, expect } from '../../index.js';
import { formatDrillReport, runDrill, type DrillDefinition } from '../../chaos/index.js';
import { attachScenarioReport, type ScenarioFault } from '../../reporters/scenario-report.js';
import type { AttachOutcome } from '../../simulator/procedures/attach.js';
import { DEMO_SCENARIOS, RUN_DATA, writeRunData } from './demo-run.js';

// A chaos drill on the networked world (real sockets, Toxiproxy on every
// link): roamers attach steadily; the link from the French VLR to the German
// HLR is cut, then the radio link is slowed, under background attaches; the
// drill measures how fast attaches recover after each fault and rolls back.

const { seed, home, visited, subscribers } = DEMO_SCENARIOS.drill;
const [france] = visited;
const VLR_TO_HLR = `vlr:${france} -> hlr:${home}`;
const UE_TO_VLR = `ue -> vlr:${france}`;

test.use({ roaming: { home: [home], visited: [...visited], seed } });

test(
  'CHAOS-01: attaches in France recover after an inter-PLMN partition and a slow radio link',
  { tag: ['@chaos', '@attach'] },
  async ({ world }) => {
    test.setTimeout(90_000);
    const [loadRoamer, ...roamers] = await world.subscribers.createMany({ count: subscribers });
    const steady: AttachOutcome[] = [];
    let lastRound: AttachOutcome[] = [];
    const attachRound = async () => {
      const round: AttachOutcome[] = [];
      for (const roamer of roamers) round.push(await world.attach(roamer, { visited: france! }));
      return round;
    };
    // Warm up: the first attaches pay for connection set-up.
    await test.step('warm up', async () => void (await attachRound()));

    const drill: DrillDefinition = {
      title: 'HLR unreachable from France, then a slow radio link',
      steadyState: {
        title: 'roamers attach, quickly',
        probes: [
          {
            name: 'attach success rate',
            probe: async () => {
              lastRound = await attachRound();
              return lastRound.filter((a) => a.state === 'REGISTERED').length / lastRound.length;
            },
            tolerance: '>= 0.99',
          },
          { name: 'slowest attach, ms', probe: () => Math.max(...lastRound.map((a) => a.latencyMs)), tolerance: '< 1000' },
        ],
      },
      method: [
        { at: 0, for: '800ms', fault: { link: VLR_TO_HLR, type: 'partition', mode: 'refused' }, label: 'inter-PLMN partition' },
        { at: '1.6s', for: '800ms', fault: { link: UE_TO_VLR, type: 'latency', ms: 250, direction: 'forward' }, label: 'slow radio link' },
        {
          at: 0,
          for: '2.4s',
          load: {
            name: 'background attaches',
            ratePerSecond: 5,
            concurrency: 1,
            run: async () => (await world.attach(loadRoamer!, { visited: france! })).state === 'REGISTERED',
          },
        },
      ],
      rollbacks: [{ name: 'clear every fault on the world', run: () => world.chaos.clearFaults() }],
      recovery: { pollEvery: '100ms', timeout: '15s' },
    };

    const report = await test.step(`chaos drill: ${drill.title}`, () => runDrill(drill, { target: world.chaos }));
    test.info().annotations.push({ type: 'drill', description: formatDrillReport(report) });
    // The steady state after the drill, for the SLO.
    await test.step('steady state after the drill', async () => {
      for (let i = 0; i < 2; i++) steady.push(...(await attachRound()));
    });

    const faults: ScenarioFault[] = report.faults
      .filter((f) => f.startedAtMs !== undefined)
      .map((f) => ({
        link: f.link,
        description: `${f.label}: ${f.description}${f.recoveryMs === undefined ? ', not recovered' : `, recovered in ${Math.round(f.recoveryMs)} ms`}`,
        startedAt: report.startedAt + f.startedAtMs!,
        endedAt: f.endedAtMs === undefined ? null : report.startedAt + f.endedAtMs,
      }));
    const events = world.events.events;
    writeRunData(RUN_DATA.events, 'chaos-drill.jsonl', world.events.toJsonLines());
    await attachScenarioReport({
      title: 'attaches in France recover after an inter-PLMN partition and a slow radio link',
      metadata: {
        id: 'CHAOS-01',
        epic: 'International roaming',
        feature: 'Resilience',
        story: 'Recover from inter-PLMN faults',
        owner: 'roaming-qa',
        severity: 'critical',
        tags: ['chaos', 'attach'],
        partnerCases: ['IR24-LU-01'],
        file: 'cli/demo/chaos-drill.demo.ts',
      },
      parameters: {
        seed: String(seed),
        clock: 'real',
        'HLR backend': process.env['ROAM_HLR'] ?? 'mock',
        'chaos backend': `${world.chaosBackend.kind} ${world.chaosBackend.version}`.trim(),
        'active faults': faults.map((f) => `${f.link}: ${f.description}`).join('; ') || 'none',
        drill: report.status,
      },
      events,
      procedures: steady,
      latencies: [{ name: 'attach_latency', samplesMs: steady.map((a) => a.latencyMs), slo: 'p(95)<1000ms' }],
      faults,
      identities: world.hasher,
      run: { startedAt: report.startedAt, endedAt: report.startedAt + report.durationMs },
    });

    expect(report.status, formatDrillReport(report)).toBe('passed');
    expect(report.faults.map((f) => f.recovered)).toEqual([true, true]);
    expect(
      steady.map((a) => a.state === 'REGISTERED'),
      'attach_success rate>=99%',
    ).toMeetSlo('rate>=99%');
    expect(
      steady.map((a) => a.latencyMs),
      'attach_latency p(95)<1000ms',
    ).toMeetSlo('p(95)<1000ms');
  },
);

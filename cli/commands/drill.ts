import { existsSync, writeFileSync } from 'node:fs';
import { runDrill } from '../../chaos/drills/run-drill.js';
import { formatDrillReport, type DrillReport } from '../../chaos/drills/drill-report.js';
import type { DrillDefinition, FaultStep } from '../../chaos/drills/drill-definition.js';
import type { FaultSpec } from '../../chaos/faults/fault-spec.js';
import { startRoamingWorld, type StartedRoamingWorld } from '../../world/roaming-world.js';
import { DEFAULT_WORLD } from '../../world/world-options.js';
import type { Subscriber } from '../../simulator/subscriber.js';
import { asBadInput, parseCommandArgs, UsageError, type CliCommand } from '../command.js';
import { builtInDrills, checkDrillFile, loadDrillFile, type DrillFile } from './drill/drill-file.js';
import { DrillProgress } from './drill/drill-progress.js';

const USAGE = `roam drill: run one chaos drill on a fresh roaming world, with live progress

Usage:
  roam drill <name | drill.yaml> [--rate <per second>] [--json <file>] [--quiet]
  roam drill --list

  <name>            a built-in drill: ${Object.keys(builtInDrills()).join(', ')}
  <drill.yaml>      a drill file: title, world, load, steadyState, faults, recovery
  --rate <n>        attaches per second of the load (overrides the drill's)
  --json <file>     also write the drill report as JSON
  --quiet           no live progress line
  --list            list the built-in drills

While it runs, a progress line on stderr says which fault is on, how many
attaches so far and the current success rate (last 2 s). At the end the
report (verdict, each fault's recovery time) goes to stdout. Exit code 0
when the steady state held before and after and every fault recovered,
1 otherwise. Ctrl-C aborts: faults are removed, the world is closed.

Drill file example:
  title: HLR unreachable from France
  world: { home: [262-01], visited: [208-01] }
  load: { visited: 208-01, ratePerSecond: 10, for: 6s }
  steadyState: { probe: attach, tolerance: '>= 0.99', samples: 3 }
  faults:
    - { at: 1s, for: 2s, link: 'vlr:208-01 -> hlr:262-01', type: partition, mode: refused }
  recovery: { pollEvery: 200ms, timeout: 10s }
`;

/** `roam drill`: one drill with live progress. */
export const drillCommand: CliCommand = {
  name: 'drill',
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      'drill',
      args,
      { rate: { type: 'string' }, json: { type: 'string' }, quiet: { type: 'boolean' }, list: { type: 'boolean' } },
      { allowPositionals: true },
    );
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (values.list) {
      for (const [name, drill] of Object.entries(builtInDrills())) process.stdout.write(`${name.padEnd(16)} ${drill.title}\n`);
      return 0;
    }
    const [which, ...extra] = positionals;
    if (!which) throw new UsageError('drill', 'no drill given; name a built-in drill (roam drill --list) or a drill file');
    if (extra.length) throw new UsageError('drill', `one drill at a time; got ${positionals.length}`);
    let drill = pickDrill(which);
    if (values.rate !== undefined) {
      const rate = Number(values.rate);
      if (!(rate > 0 && rate <= 1000))
        throw new UsageError('drill', `--rate is ${JSON.stringify(values.rate)}; give attaches per second from 0.1 to 1000`);
      drill = checkDrillFile({ ...drill, load: { ...drill.load, ratePerSecond: rate } }, which);
    }
    const report = await runDrillOnWorld(drill, { progress: !values.quiet });
    process.stdout.write(`${formatDrillReport(report)}\n`);
    if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
    const ok = report.status === 'passed' && report.faults.every((f) => f.recovered);
    return ok ? 0 : 1;
  },
};

function pickDrill(which: string): DrillFile {
  const builtIn = builtInDrills()[which];
  if (builtIn) return builtIn;
  if (existsSync(which)) return loadDrillFile(which);
  throw new UsageError(
    'drill',
    `${JSON.stringify(which)} is neither a built-in drill (${Object.keys(builtInDrills()).join(', ')}) nor a file`,
  );
}

/** Starts the drill's world, runs the drill with load and probes on it, and closes the world. */
async function runDrillOnWorld(drill: DrillFile, options: { progress: boolean }): Promise<DrillReport> {
  process.stderr.write(`[roam] Starting a roaming world for drill "${drill.title}"...\n`);
  const world = await startRoamingWorld({ ...(drill.world ?? {}) });
  const stop = new AbortController();
  const onSignal = () => stop.abort('interrupted (Ctrl-C)');
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const visited = drill.load.visited ?? drill.world?.visited?.[0] ?? DEFAULT_WORLD.visited[0]!;
  const progress = new DrillProgress(() => world.chaos.activeFaults(), options.progress);
  try {
    const load = await world.subscribers.createMany({ count: drill.load.subscribers ?? 20 });
    const probes = await world.subscribers.createMany({ count: drill.steadyState?.samples ?? 3 });
    let next = 0;
    const attachOnce = async () => {
      const subscriber = load[next++ % load.length]!;
      const outcome = await world.attach(subscriber, { visited });
      progress.count(outcome.state === 'REGISTERED');
      return outcome.state === 'REGISTERED';
    };
    const probeKind = drill.steadyState?.probe ?? 'attach';
    const probe = async () => {
      const results = await Promise.all(probes.map((s) => probeOnce(world, s, visited, probeKind)));
      return results.filter(Boolean).length / results.length;
    };
    const definition: DrillDefinition = {
      title: drill.title,
      steadyState: {
        probes: [
          {
            name: probeKind === 'charging' ? 'charging reaches billing' : 'attach success',
            probe,
            tolerance: drill.steadyState?.tolerance ?? '>= 0.99',
          },
        ],
      },
      method: [
        ...drill.faults.map(({ at, for: forDuration, label, ramp, ...fault }): FaultStep => ({
          at,
          for: forDuration,
          fault: fault as unknown as FaultSpec,
          ...(label ? { label } : {}),
          ...(ramp ? { ramp } : {}),
        })),
        {
          at: 0,
          for: drill.load.for,
          load: {
            name: `attaches in ${visited}`,
            ratePerSecond: drill.load.ratePerSecond,
            run: attachOnce,
            ...(drill.load.concurrency ? { concurrency: drill.load.concurrency } : {}),
          },
        },
      ],
      ...(drill.recovery ? { recovery: drill.recovery } : {}),
    };
    progress.start();
    try {
      return await runDrill(definition, { target: world.chaos, signal: stop.signal });
    } catch (error) {
      // An invalid drill (unknown link, bad fault field) is refused before anything is injected.
      throw asBadInput(error);
    }
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await world.close();
  }
}

/**
 * One probe attach; for `charging`, billing must also take a new charging
 * start of this subscriber within a second (the VLR's sender may queue
 * events while billing is down, so the attach alone says nothing).
 */
async function probeOnce(
  world: StartedRoamingWorld,
  subscriber: Subscriber,
  visited: string,
  kind: 'attach' | 'charging',
): Promise<boolean> {
  const billing = world.billing(subscriber.home.id);
  const starts = async () => (await billing.list()).filter((e) => e.imsi === subscriber.imsi && e.kind === 'start').length;
  const before = kind === 'charging' ? await starts() : 0;
  const outcome = await world.attach(subscriber, { visited });
  if (outcome.state !== 'REGISTERED') return false;
  if (kind === 'attach') return true;
  for (let tries = 0; tries < 10; tries++) {
    if ((await starts()) > before) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { runDrill } from '../../chaos/drills/run-drill.js';
import { formatDrillReport, type DrillReport } from '../../chaos/drills/drill-report.js';
import { parseSpecText } from '../../specs/loader.js';
import type { DrillSpec } from '../../specs/schema.js';
import { SpecError } from '../../specs/spec-error.js';
import { compileDrill } from '../../specs/standalone-drill.js';
import { worldOptionsOf } from '../../specs/runner/worlds.js';
import { startRoamingWorld, type StartedRoamingWorld } from '../../world/roaming-world.js';
import { asBadInput, CliError, fileProblem, parseCommandArgs, UsageError, type CliCommand } from '../command.js';
import { packageRoot } from '../../peers/package-files.js';
import { DrillProgress } from './drill/drill-progress.js';

/** Where the built-in drills are: drill documents of the shipped library, the same files `roam run` runs. */
function builtInDrillFolder(): string {
  return join(packageRoot(), 'specs', 'library', 'drills');
}

/** The built-in drills by name (the file name without `.roam.yaml`). */
export function builtInDrills(): Record<string, string> {
  const folder = builtInDrillFolder();
  if (!existsSync(folder)) return {};
  return Object.fromEntries(
    readdirSync(folder)
      .filter((f) => f.endsWith('.roam.yaml'))
      .sort()
      .map((f) => [basename(f, '.roam.yaml'), join(folder, f)]),
  );
}

const USAGE = `roam drill: run one chaos drill on a fresh roaming world, with live progress

Usage:
  roam drill <name | drill.roam.yaml> [--rate <per second>] [--json <file>] [--quiet]
  roam drill --list

  <name>              a built-in drill: ${Object.keys(builtInDrills()).join(', ') || 'hlr-partition, billing-outage, grx-latency'}
  <drill.roam.yaml>   a file holding one drill document of the spec language
  --rate <n>          attaches per second of the load (overrides the drill's)
  --json <file>       also write the drill report as JSON
  --quiet             no live progress line
  --list              list the built-in drills

A drill file is the spec language's drill document, the same one "roam run"
runs inside Playwright (see the README's spec language section):

  drill: HLR unreachable from France
  hypothesis: Attaches fail only while the HLR is unreachable
  clock: networked
  world: { home: { plmn: 262-01 }, visited: [{ plmn: 208-01, agreement: { tariff: eu-regulated } }] }
  subscribers: { roamers: { count: 20 } }
  steady-state: { attach_success: 'rate>=99%' }
  method:
    - load: { who: roamers, rate: 10/s, for: 8s, background: true }
    - fault: { link: 'vlr:208-01 -> hlr:262-01', partition: true, at: 2s, for: 2s }
  expect: { recovery: { within: 2s } }

On its own, a drill runs attach load, timed faults and attach probes of the
steady state (attach_success, attach_latency); anything else in the language
runs with "roam run". While it runs, a progress line on stderr says which
fault is on, how many attaches so far and the success rate (last 2 s). At
the end the report (verdict, each fault's recovery time) goes to stdout.
Exit code 0 when the steady state held before and after, every fault
recovered and billing reconciled (when the drill expects it), 1 otherwise.
Ctrl-C aborts: faults are removed, the world is closed.
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
      for (const [name, file] of Object.entries(builtInDrills())) process.stdout.write(`${name.padEnd(16)} ${readDrill(file).drill}\n`);
      return 0;
    }
    const [which, ...extra] = positionals;
    if (!which) throw new UsageError('drill', 'no drill given; name a built-in drill (roam drill --list) or a drill file');
    if (extra.length) throw new UsageError('drill', `one drill at a time; got ${positionals.length}`);
    let rate: number | undefined;
    if (values.rate !== undefined) {
      rate = Number(values.rate);
      if (!(rate > 0 && rate <= 1000))
        throw new UsageError('drill', `--rate is ${JSON.stringify(values.rate)}; give attaches per second from 0.1 to 1000`);
    }
    // Before the drill runs, not after it: a report with nowhere to go would cost the whole drill.
    if (values.json !== undefined) checkWritable(values.json);
    const drill = readDrill(pickDrill(which));
    const { report, billing } = await runDrillOnWorld(drill, { progress: !values.quiet, ...(rate ? { rate } : {}) });
    process.stdout.write(`${formatDrillReport(report)}\n`);
    if (billing) process.stdout.write(`${billing.line}\n`);
    if (values.json) {
      try {
        writeFileSync(values.json, `${JSON.stringify({ ...report, ...(billing ? { billing: billing.summary } : {}) }, null, 2)}\n`);
      } catch (error) {
        throw new CliError(`write the drill report to ${values.json}`, fileProblem(error), 'Give --json a file in a writable folder');
      }
    }
    const ok = report.status === 'passed' && report.faults.every((f) => f.recovered) && (billing?.clean ?? true);
    return ok ? 0 : 1;
  },
};

function pickDrill(which: string): string {
  const builtIn = builtInDrills()[which];
  if (builtIn) return builtIn;
  if (existsSync(which)) return which;
  throw new UsageError(
    'drill',
    `${JSON.stringify(which)} is neither a built-in drill (${Object.keys(builtInDrills()).join(', ')}) nor a file`,
  );
}

/** Reads the one drill document of a spec file, with every problem located as `roam validate` shows it. */
function readDrill(file: string): DrillSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`load drill ${file}`, fileProblem(error), 'Give a drill name (roam drill --list) or a readable file', 2);
  }
  const { scenarios, problems } = parseSpecText(text, file);
  if (problems.length) throw asBadInput(new SpecError(problems));
  const drills = scenarios.map((s) => s.spec).filter((s): s is DrillSpec => 'drill' in s);
  if (drills.length !== 1 || scenarios.length !== 1) {
    throw new CliError(
      `load drill ${file}`,
      `it holds ${drills.length} drill${drills.length === 1 ? '' : 's'} and ${scenarios.length - drills.length} scenario${scenarios.length - drills.length === 1 ? '' : 's'}`,
      'Give a file with one drill document; run scenarios and several documents with "roam run"',
      2,
    );
  }
  return drills[0]!;
}

interface BillingVerdict {
  readonly clean: boolean;
  readonly line: string;
  readonly summary: string;
}

/** Starts the drill's world, runs the drill with load and probes on it, reconciles billing if asked, and closes the world. */
async function runDrillOnWorld(
  drill: DrillSpec,
  options: { progress: boolean; rate?: number },
): Promise<{ report: DrillReport; billing?: BillingVerdict }> {
  process.stderr.write(`[roam] Starting a roaming world for drill "${drill.drill}"...\n`);
  const world: StartedRoamingWorld = await startRoamingWorld(worldOptionsOf(drill));
  const stop = new AbortController();
  const onSignal = () => stop.abort('interrupted (Ctrl-C)');
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const progress = new DrillProgress(() => world.chaos.activeFaults(), options.progress);
  try {
    let compiled;
    try {
      compiled = compileDrill(drill, world, {
        progress: { procedure: (ok) => progress.count(ok) },
        ...(options.rate ? { rate: options.rate } : {}),
      });
    } catch (error) {
      throw asBadInput(error);
    }
    await compiled.prepare();
    progress.start();
    let report: DrillReport;
    try {
      report = await runDrill(compiled.definition, { target: world.chaos, signal: stop.signal });
    } catch (error) {
      // An invalid drill (unknown link, bad fault field) is refused before anything is injected.
      throw asBadInput(error);
    } finally {
      progress.stop();
    }
    if (!drill.expect.billing) return { report };
    await world.drainCharging(10_000);
    const reconciliation = await world.simulator.reconcile();
    const summary = reconciliation.summary;
    return {
      report,
      billing: {
        clean: reconciliation.clean,
        summary,
        line: `billing: ${reconciliation.clean ? 'reconciled' : 'NOT reconciled'}: ${summary}`,
      },
    };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await world.close();
  }
}

/** `--json <file>`: its folder must exist and the file must not be a folder. */
function checkWritable(file: string): void {
  const folder = dirname(resolve(file));
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new UsageError('drill', `--json ${file}: the folder ${folder} does not exist`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError('drill', `--json ${file} is a folder; give a file`);
}

/**
 * Runs part of a benchmark in a fresh Node process, so its module loading,
 * heap and peak RSS are its own: the parent forks the bench module with a
 * flag, the child runs the measurement and sends one result back over IPC.
 *
 * @module
 */
import { fork } from 'node:child_process';

/** Settings travel to the child in this environment variable, as JSON. */
const SETTINGS_ENV = 'ROAM_BENCH_CHILD_SETTINGS';

/** What every child reports beside its own result. */
export interface ChildReport<T> {
  readonly result: T;
  /** Peak resident set size of the child, in MB. */
  readonly peakRssMb: number;
  /** User + system CPU of the child, in seconds. */
  readonly cpuSeconds: number;
}

/**
 * Forks `script` with `flag` and `settings`, resolves with what it reports.
 * @throws Error naming the script when the child exits without reporting.
 */
export function runChild<S, T>(
  script: string,
  flag: string,
  settings: S,
  options: { readonly execArgv?: readonly string[]; readonly timeoutMs?: number } = {},
): Promise<ChildReport<T>> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [flag], {
      execArgv: [...(options.execArgv ?? [])],
      env: { ...process.env, [SETTINGS_ENV]: JSON.stringify(settings) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let report: ChildReport<T> | undefined;
    const timer = options.timeoutMs
      ? setTimeout(() => {
          child.kill('SIGKILL');
        }, options.timeoutMs)
      : undefined;
    child.on('message', (m) => (report = m as ChildReport<T>));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (report) resolve(report);
      else
        reject(
          new Error(
            `[roam] Failed to run a benchmark child (${flag} of ${script}): it exited with ${signal ?? code} before reporting. Run the benchmark alone to see its output.`,
          ),
        );
    });
  });
}

/**
 * In a child started by {@link runChild}: when `flag` is on the command line,
 * runs `measure` with the parent's settings, reports, and exits. Returns
 * false (doing nothing) in the parent.
 */
export function childMain<S, T>(flag: string, measure: (settings: S) => Promise<T>): boolean {
  if (!process.argv.includes(flag) || !process.send) return false;
  const settings = JSON.parse(process.env[SETTINGS_ENV] ?? '{}') as S;
  const cpu = process.cpuUsage();
  measure(settings).then(
    (result) => {
      const used = process.cpuUsage(cpu);
      const report: ChildReport<T> = {
        result,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        cpuSeconds: (used.user + used.system) / 1e6,
      };
      process.send!(report, () => process.exit(0));
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
  return true;
}

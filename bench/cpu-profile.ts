/**
 * Reading `node --cpu-prof` profiles for benchmark notes: where a process
 * spent its CPU, grouped into named buckets by the source of each sample.
 *
 * @module
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';

/** A bucket: a name, and the script URLs (substrings) whose frames belong to it. */
export interface ProfileBucket {
  readonly name: string;
  readonly match: readonly (string | RegExp)[];
}

/** One bucket's share of the sampled time. */
export interface BucketShare {
  readonly name: string;
  /** Percent of all samples (idle included). */
  readonly percent: number;
}

/** One function's share of the sampled time. */
export interface FunctionShare {
  /** `functionName file:line` */
  readonly frame: string;
  readonly percent: number;
}

/** What a profile says. */
export interface ProfileSummary {
  readonly sampledMs: number;
  /** Each sample goes to the bucket of the innermost frame whose script matches one (native frames are skipped). */
  readonly buckets: readonly BucketShare[];
  /** The functions with the most self time. */
  readonly topSelf: readonly FunctionShare[];
}

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Summarises a `.cpuprofile` file into `buckets` (anything unmatched is `other`). */
export function summariseProfile(path: string, buckets: readonly ProfileBucket[], top = 8): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const time = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    time.set(id, (time.get(id) ?? 0) + dt);
    total += dt;
  });
  const bucketTime = new Map<string, number>();
  const selfTime = new Map<string, number>();
  const bucketOf = (url: string) => buckets.find((b) => b.match.some((m) => (typeof m === 'string' ? url.includes(m) : m.test(url))));
  for (const [id, dt] of time) {
    const leaf = byId.get(id)!;
    const frame = leaf.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\//, '') || '(native)'}:${frame.lineNumber + 1}`;
    selfTime.set(key, (selfTime.get(key) ?? 0) + dt);
    let name: string | undefined = ['(idle)', '(garbage collector)', '(program)'].includes(frame.functionName)
      ? frame.functionName
      : undefined;
    for (let cur: number | undefined = id; name === undefined && cur !== undefined; cur = parent.get(cur)) {
      const url = byId.get(cur)!.callFrame.url;
      if (url) name = bucketOf(url)?.name;
    }
    name ??= 'other';
    bucketTime.set(name, (bucketTime.get(name) ?? 0) + dt);
  }
  const share = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).map(([name, t]) => ({ name, percent: total ? (100 * t) / total : 0 }));
  return {
    sampledMs: total / 1000,
    buckets: share(bucketTime),
    topSelf: share(selfTime)
      .slice(0, top)
      .map((s) => ({ frame: s.name, percent: s.percent })),
  };
}

/** `42.1% name, 10.0% other` */
export function formatShares(shares: readonly { name?: string; frame?: string; percent: number }[], min = 1): string {
  return shares
    .filter((s) => s.percent >= min)
    .map((s) => `${s.percent.toFixed(1)}% ${s.name ?? s.frame}`)
    .join(', ');
}

/**
 * Starts V8's CPU profiler in this process (the profiler `node --cpu-prof`
 * uses, but started after warm-up, so module loading is not in the profile).
 * Call the returned function to stop it and write the `.cpuprofile` to `path`.
 */
export async function startCpuProfile(path: string): Promise<() => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(path, JSON.stringify(profile));
    session.disconnect();
  };
}

/** The environment variable naming the folder `servers/profile-hook.js` writes the profiles of forked processes to. */
export const PROFILE_DIR_ENV = 'ROAM_BENCH_PROFILE_DIR';

/**
 * Sends SIGUSR2 to every process this one forked (the first signal starts the profile of a process that loaded
 * `servers/profile-hook.js`, the second stops and writes it) and says which. Linux only: it finds the children
 * in /proc; elsewhere it signals nothing and returns none.
 */
export function signalChildProfiles(pids?: readonly number[]): number[] {
  let children = pids ? [...pids] : [];
  if (!pids) {
    try {
      const listed = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8');
      children = listed.trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  }
  for (const pid of children) process.kill(pid, 'SIGUSR2');
  return children;
}

/** Waits (up to 5 s) until each of `pids` has written `<pid>.cpuprofile` into `dir`. */
export async function childProfilesWritten(dir: string, pids: readonly number[]): Promise<void> {
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (pids.every((pid) => existsSync(join(dir, `${pid}.cpuprofile`)))) return;
  }
}

/** Script names of the Fetch API machinery in Node (undici, web streams, abort signals, URL): one bucket in every profile. */
export const FETCH_API_FRAMES: readonly string[] = [
  'undici',
  'readablestream',
  'webstreams',
  'abort_controller',
  'js_transferable',
  'internal/url',
  'node:url',
  'internal/event_target',
];

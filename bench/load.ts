/**
 * Load generation for the HTTP benchmarks: target servers in processes of
 * their own, loaded by autocannon from the benchmark process.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

/** A server started in its own process for a benchmark, and the request to load it with. */
export interface TargetServer {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body: string;
  /** Sends the server process a signal. */
  signal(name: NodeJS.Signals): void;
  /** Ends the server process; resolves when it has exited (and written any profile). */
  stop(): Promise<void>;
}

/** Starts `node [nodeArgs] <script> <args>` (with `env` added) and waits for the JSON line announcing its target. */
export function startTargetServer(
  script: string,
  args: string[],
  options: { readonly nodeArgs?: readonly string[]; readonly env?: Readonly<Record<string, string>> } = {},
): Promise<TargetServer> {
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...options.env },
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      const target = JSON.parse(line) as Omit<TargetServer, 'stop' | 'signal'>;
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      resolve({
        ...target,
        signal: (name) => void child.kill(name),
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    child.once('exit', (code) =>
      reject(new Error(`[roam] Failed to start the benchmark server ${script}: it exited with ${code}. See its output above.`)),
    );
  });
}

/** What one load run measured. */
export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly non2xx: number;
}

/** Loads `target` with autocannon at `connections` for `seconds`. */
export async function load(target: TargetServer, options: { connections: number; seconds: number }): Promise<LoadResult> {
  const result = await autocannon({
    url: target.url + target.path,
    method: target.method,
    body: target.body,
    headers: { 'content-type': 'application/json' },
    connections: options.connections,
    duration: options.seconds,
  });
  return {
    // Completed requests over the run's own duration (autocannon's per-second average drops a partial last second).
    requestsPerSecond: result.requests.total / Math.max(result.duration, 1e-3),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

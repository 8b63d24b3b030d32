import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

/** A server started in its own process for a benchmark, and the request to load it with. */
export interface TargetServer {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body: string;
  stop(): void;
}

/** Starts `node <script> <args>` and waits for the JSON line announcing its target. */
export function startTargetServer(script: string, args: string[]): Promise<TargetServer> {
  const child: ChildProcess = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      const target = JSON.parse(line) as Omit<TargetServer, 'stop'>;
      resolve({ ...target, stop: () => child.kill('SIGTERM') });
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
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

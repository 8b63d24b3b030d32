import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './inline-project.js';

/** A `roam toxiproxy` running as its own process, like a toxiproxy-server a suite points at. */
export interface ToxiproxyProcess {
  readonly url: string;
  readonly pid: number;
  /** SIGKILL: the server dies as a crashing Toxiproxy would. */
  kill(): void;
  /** SIGTERM: the server stops cleanly. */
  stop(): void;
}

/** Starts the built `roam toxiproxy` on 127.0.0.1 and an ephemeral port; resolves once it listens. */
export async function startToxiproxyProcess(): Promise<ToxiproxyProcess> {
  const child = spawn(process.execPath, [join(repoRoot, 'dist/cli/main.js'), 'toxiproxy', '--host', '127.0.0.1', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`roam toxiproxy exited early (${code}): ${out}`)));
  });
  return { url, pid: child.pid!, kill: () => child.kill('SIGKILL'), stop: () => child.kill('SIGTERM') };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

/** The built-in HLR in its own OS process, known to the test only by URL. */
export interface HlrProcess extends AsyncDisposable {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `serve-builtin-hlr.ts` under tsx in a child process and waits for
 * the URL it prints. The child listens on 127.0.0.1 and an ephemeral port.
 */
export async function startHlrProcess(home = '262-01', visited = '208-01'): Promise<HlrProcess> {
  const script = fileURLToPath(new URL('./serve-builtin-hlr.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, home, visited], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the HLR process printed no URL within 20 s')), 20_000);
    child.once('exit', (code) => reject(new Error(`the HLR process exited (${code}) before printing its URL`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, pid: child.pid!, stop, [Symbol.asyncDispose]: stop };
}

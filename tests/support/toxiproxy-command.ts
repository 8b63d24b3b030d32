import { PassThrough } from 'node:stream';
import { toxiproxyCommand } from '../../cli/commands/toxiproxy.js';

/** A `roam toxiproxy` run in this process, with its output captured. */
export interface ToxiproxyRun {
  /** The API's URL once it listens; rejects if the command exits first. */
  readonly url: Promise<string>;
  /** The exit code. */
  readonly exit: Promise<number>;
  /** Aborting stops the server, like SIGINT. */
  readonly stop: AbortController;
  output(): string;
  errors(): string;
}

/**
 * Runs `roam toxiproxy <args>` in this process until `stop` is aborted.
 *
 * @example
 * ```ts
 * const run = runToxiproxyCommand(['--port', '0']);
 * const url = await run.url;
 * run.stop.abort();
 * ```
 */
export function runToxiproxyCommand(args: string[], env: NodeJS.ProcessEnv = {}): ToxiproxyRun {
  const stop = new AbortController();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const exit = toxiproxyCommand(args, { signal: stop.signal, stdout, stderr, env });
  const url = new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    };
    stdout.on('data', check);
    void exit.then(() => reject(new Error(`exited early: ${err}`)));
  });
  // Runs that are meant to exit early never print a URL; that is not an unhandled rejection.
  url.catch(() => undefined);
  return { url, exit, stop, output: () => out, errors: () => err };
}

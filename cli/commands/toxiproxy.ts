import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createExtendedToxicTypes, EMBEDDED_TOXIPROXY_VERSION, startEmbeddedToxiproxy } from '../../chaos/embedded/index.js';
import type { CliCommand } from '../command.js';

const USAGE = `roam toxiproxy: the embedded Toxiproxy as a standalone server, a drop-in for toxiproxy-server

Usage:
  roam toxiproxy [--host 127.0.0.1] [--port 8474] [--config proxies.json] [--embedded-toxics]

  --host <addr>        address of the API (default 127.0.0.1)
  --port <n>           port of the API (default 8474; 0 for any free port)
  --config <file>      a JSON array of proxies to create at start, as toxiproxy-server -config
  --embedded-toxics    also accept the embedded-only toxic types (roam_latency, roam_loss);
                       without it the server accepts exactly what Toxiproxy 2.12 accepts
  Single-dash spellings (-host, -port=8474) work too, as with toxiproxy-server.
  Stops cleanly on SIGINT or SIGTERM.
`;

/** Where the command writes, and how a caller other than a signal can stop it. */
export interface ToxiproxyCommandIo {
  /** Aborting stops the server, like SIGINT. */
  readonly signal?: AbortSignal;
  readonly stdout?: NodeJS.WritableStream;
  readonly stderr?: NodeJS.WritableStream;
}

/**
 * `roam toxiproxy`: runs the embedded Toxiproxy until SIGINT or SIGTERM,
 * so suites in any language can use it where they would use
 * `toxiproxy-server`. Resolves with the exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await toxiproxyCommand(['--port', '8474']);
 * ```
 */
export async function toxiproxyCommand(args: string[], io: ToxiproxyCommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let values: { host?: string; port?: string; config?: string; 'embedded-toxics'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: args.map(goFlagToLong),
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        config: { type: 'string' },
        'embedded-toxics': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    stderr.write(`[roam] Failed to start Toxiproxy: ${(error as Error).message}. Run "roam toxiproxy --help" for the options.\n`);
    return 2;
  }
  if (values.help) {
    stdout.write(USAGE);
    return 0;
  }
  const port = Number(values.port ?? 8474);
  if (!/^\d+$/.test(values.port ?? '8474') || port > 65535) {
    stderr.write(`[roam] Failed to start Toxiproxy: --port ${values.port} is not a TCP port. Give a number from 0 to 65535.\n`);
    return 2;
  }
  let server;
  try {
    server = await startEmbeddedToxiproxy({
      host: values.host ?? '127.0.0.1',
      port,
      ...(values['embedded-toxics'] ? { toxicTypes: createExtendedToxicTypes() } : {}),
    });
  } catch (error) {
    stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  if (values.config !== undefined) {
    const loaded = await populate(server.url, values.config);
    if (loaded !== undefined) {
      stderr.write(`[roam] Failed to load proxies from ${values.config}: ${loaded}. Fix the file, or start without --config.\n`);
      await server.close();
      return 1;
    }
  }
  const extras = values['embedded-toxics'] ? ', with the embedded-only toxic types' : '';
  stdout.write(`[roam] Toxiproxy API listening on ${server.url} (version ${EMBEDDED_TOXIPROXY_VERSION}${extras})\n`);
  await stopSignal(io.signal);
  await server.close();
  stdout.write('[roam] Toxiproxy stopped\n');
  return 0;
}

/** Go's flag package takes `-port 8474` and `-port=8474` as well as the double-dash forms. */
function goFlagToLong(arg: string): string {
  return /^-[a-z][a-z-]*(=.*)?$/.test(arg) ? `-${arg}` : arg;
}

/** Loads a toxiproxy-server config file through `/populate`; returns the problem, if any. */
async function populate(url: string, file: string): Promise<string | undefined> {
  let body: string;
  try {
    body = await readFile(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
  const response = await fetch(`${url}/populate`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  const text = await response.text();
  if (response.status === 201) return undefined;
  try {
    return (JSON.parse(text) as { error: string }).error;
  } catch {
    return `HTTP ${response.status}`;
  }
}

function stopSignal(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
  });
}

/** `roam toxiproxy`. */
export const toxiproxyCliCommand: CliCommand = {
  name: 'toxiproxy',
  usage: '',
  run: (args) => toxiproxyCommand(args),
};

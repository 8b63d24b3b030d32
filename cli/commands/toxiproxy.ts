import { readFile } from 'node:fs/promises';
import { createExtendedToxicTypes, EMBEDDED_TOXIPROXY_VERSION, startEmbeddedToxiproxy } from '../../chaos/embedded/index.js';
import type { CliCommand } from '../command.js';
import { readToxiproxyFlags, TOXIPROXY_USAGE } from './toxiproxy-flags.js';

/** Where the command writes, what environment it reads, and how a caller other than a signal can stop it. */
export interface ToxiproxyCommandIo {
  /** Aborting stops the server, like SIGINT. */
  readonly signal?: AbortSignal;
  readonly stdout?: NodeJS.WritableStream;
  readonly stderr?: NodeJS.WritableStream;
  /** Where `--token-env` looks; default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * `roam toxiproxy`: runs the embedded Toxiproxy until SIGINT or SIGTERM,
 * so suites in any language can use it where they would use
 * `toxiproxy-server` (it takes the same flags). Resolves with the exit code:
 * 0 after a clean stop, `-h` or `-version`; 2 for bad flags; 1 if it cannot start.
 *
 * @example
 * ```ts
 * process.exitCode = await toxiproxyCommand(['-port', '8474', '-proxy-metrics']);
 * ```
 */
export async function toxiproxyCommand(args: string[], io: ToxiproxyCommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const request = await readToxiproxyFlags(args, io.env ?? process.env);
  if (request.kind === 'help') {
    stdout.write(TOXIPROXY_USAGE);
    return 0;
  }
  if (request.kind === 'version') {
    // toxiproxy-server's own words, so scripts that read them keep working.
    stdout.write(`toxiproxy-server version ${EMBEDDED_TOXIPROXY_VERSION}\n`);
    return 0;
  }
  if (request.kind === 'error') {
    const hint = request.hint ?? 'Run "roam toxiproxy --help" for the options';
    stderr.write(`[roam] Failed to start Toxiproxy: ${request.message}. ${hint}.\n`);
    return 2;
  }
  let server;
  try {
    server = await startEmbeddedToxiproxy({
      ...request.options,
      ...(request.embeddedToxics ? { toxicTypes: createExtendedToxicTypes() } : {}),
    });
  } catch (error) {
    stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  if (request.config !== undefined) {
    // As toxiproxy-server: a config that cannot be loaded is reported, and the server serves on.
    const loaded = await populate(server.url, request.config, request.options.token);
    if (typeof loaded === 'string') {
      stderr.write(
        `[roam] Failed to load proxies from ${request.config}: ${loaded}. Serving without them; fix the file and POST it to /populate, or restart.\n`,
      );
    } else {
      stdout.write(`[roam] Loaded ${loaded} ${loaded === 1 ? 'proxy' : 'proxies'} from ${request.config}\n`);
    }
  }
  stdout.write(`[roam] Toxiproxy API listening on ${server.url} (version ${EMBEDDED_TOXIPROXY_VERSION}${features(request)})\n`);
  await stopSignal(io.signal);
  await server.close();
  stdout.write('[roam] Toxiproxy stopped\n');
  return 0;
}

/** What the start line adds after the version: the embedded-only types, auth, metrics, an allow-list. */
function features(request: Extract<Awaited<ReturnType<typeof readToxiproxyFlags>>, { kind: 'run' }>): string {
  const { options } = request;
  const parts = [
    request.embeddedToxics ? 'with the embedded-only toxic types' : '',
    options.token !== undefined ? 'bearer token required' : '',
    options.metrics !== undefined ? 'metrics on /metrics' : '',
    options.allowedUpstreams !== undefined ? `upstreams limited to ${options.allowedUpstreams.join(', ')}` : '',
  ].filter((part) => part !== '');
  return parts.map((part) => `, ${part}`).join('');
}

/** Loads a toxiproxy-server config file through `/populate`: the number of proxies, or the problem. */
async function populate(url: string, file: string, token: string | undefined): Promise<number | string> {
  let body: string;
  try {
    body = await readFile(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  const response = await fetch(`${url}/populate`, { method: 'POST', body, headers });
  const text = await response.text();
  try {
    const answer = JSON.parse(text) as { error?: string; proxies?: unknown[] | null };
    if (response.status === 201) return answer.proxies?.length ?? 0;
    return answer.error ?? `HTTP ${response.status}`;
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

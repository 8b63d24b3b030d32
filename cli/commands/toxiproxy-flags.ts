/**
 * The flags of `roam toxiproxy`: every flag of toxiproxy-server 2.12, read
 * as Go reads them, so it can replace `toxiproxy-server` in scripts, plus
 * the flags of what this server adds (embedded-only toxics, explicit auth,
 * an upstream allow-list, limits).
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { EmbeddedToxiproxyLimits, EmbeddedToxiproxyOptions } from '../../chaos/embedded/index.js';
import { parseGoFlags, type GoFlagSpec } from './go-flags.js';

/** The usage `-h` prints. */
export const TOXIPROXY_USAGE = `roam toxiproxy: the embedded Toxiproxy as a standalone server, a drop-in for toxiproxy-server

Usage:
  roam toxiproxy [flags]

Flags of toxiproxy-server (one or two dashes; -flag=value or -flag value):
  -host <addr>          address of the API (default 127.0.0.1; toxiproxy-server's is localhost)
  -port <n>             port of the API (default 8474; 0 for any free port)
  -config <file>        a JSON array of proxies to create at start, through /populate; a missing
                        or invalid file is reported and the server serves without it
  -seed <int64>         seed for the toxics' random draws (default: unseeded)
  -proxy-metrics        serve toxiproxy_proxy_*_bytes_total on /metrics (Prometheus text)
  -runtime-metrics      serve the process' runtime metrics on /metrics
  -version              print the version and exit
  -h, -help             print this help and exit

Flags of this server:
  --embedded-toxics     also accept the embedded-only toxic types (roam_latency, roam_loss);
                        without it the server accepts exactly what Toxiproxy 2.12 accepts
  --token-env <NAME>    require "Authorization: Bearer <token>" (all but GET /version), the token
                        read from environment variable NAME (the environment alone never turns auth on)
  --token-file <path>   the same, the token read from a file (trailing newline ignored)
  --allow-upstream <h>  proxies may reach only these upstreams: host names, addresses, CIDR networks;
                        repeat it or separate with commas (default: any upstream, as toxiproxy-server)
  --max-proxies <n>            proxies at most (default 1000)
  --max-toxics-per-proxy <n>   toxics per proxy at most (default 100)
  --max-body-bytes <n>         largest request body (default 1048576)
  --max-name-bytes <n>         longest proxy or toxic name (default 256)
  --max-address-bytes <n>      longest listen or upstream address (default 1024)

Proxies whose listen has no host (":8080") bind 127.0.0.1, where toxiproxy-server binds every
interface: give the address to listen on (e.g. "0.0.0.0:8080") to be reached from a container.
Stops cleanly on SIGINT or SIGTERM.
`;

const SPEC: GoFlagSpec = {
  host: 'string',
  port: 'string',
  config: 'string',
  seed: 'string',
  'proxy-metrics': 'bool',
  'runtime-metrics': 'bool',
  version: 'bool',
  'embedded-toxics': 'bool',
  'token-env': 'string',
  'token-file': 'string',
  'allow-upstream': 'list',
  'max-proxies': 'string',
  'max-toxics-per-proxy': 'string',
  'max-body-bytes': 'string',
  'max-name-bytes': 'string',
  'max-address-bytes': 'string',
};

/** The limit each `--max-*` flag sets. */
export const LIMIT_FLAGS: Readonly<Record<string, keyof EmbeddedToxiproxyLimits>> = {
  'max-proxies': 'maxProxies',
  'max-toxics-per-proxy': 'maxToxicsPerProxy',
  'max-body-bytes': 'maxBodyBytes',
  'max-name-bytes': 'maxNameBytes',
  'max-address-bytes': 'maxAddressBytes',
};

/** Flags that cannot be used: what is wrong, and what to do (the parser's own errors have no hint). */
export interface FlagError {
  readonly kind: 'error';
  readonly message: string;
  readonly hint?: string;
}

/** What the flags ask for. */
export type ToxiproxyRequest =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | FlagError
  | {
      readonly kind: 'run';
      /** Options for `startEmbeddedToxiproxy`, without `toxicTypes` (see `embeddedToxics`). */
      readonly options: EmbeddedToxiproxyOptions;
      readonly embeddedToxics: boolean;
      readonly config: string | undefined;
    };

/**
 * Reads the arguments of `roam toxiproxy`. The token is read here (from the
 * environment or the file), so a missing one stops the start.
 *
 * @example
 * ```ts
 * await readToxiproxyFlags(['-port', '8474', '-proxy-metrics'], process.env);
 * ```
 */
export async function readToxiproxyFlags(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ToxiproxyRequest> {
  const parsed = parseGoFlags(args, SPEC);
  if (parsed.kind !== 'values') return parsed;
  const { bools, strings, lists, rest } = parsed.values;
  if (rest.length > 0) return fail(`unexpected argument '${rest[0]}'`, 'Every option is a flag: run "roam toxiproxy --help" for them');
  if (bools.get('version') === true) return { kind: 'version' };

  const portText = strings.get('port') ?? '8474';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) return fail(`--port ${portText} is not a TCP port`, 'Give a number from 0 to 65535');
  const seedText = strings.get('seed');
  if (seedText !== undefined && !/^[+-]?\d+$/.test(seedText)) return fail(`invalid value "${seedText}" for -seed`, 'Give a whole number');
  const seed = seedText === undefined ? undefined : BigInt(seedText);
  if (seed !== undefined && BigInt.asIntN(64, seed) !== seed)
    return fail(`invalid value "${seedText}" for -seed: value out of range`, 'Give a whole number that fits in 64 bits');

  const limits: Partial<Record<keyof EmbeddedToxiproxyLimits, number>> = {};
  for (const [flag, limit] of Object.entries(LIMIT_FLAGS)) {
    const text = strings.get(flag);
    if (text === undefined) continue;
    if (!/^\d+$/.test(text) || Number(text) < 1)
      return fail(`--${flag} ${text} is not a whole number of at least 1`, 'Give a limit of 1 or more');
    limits[limit] = Number(text);
  }
  const allowed = (lists.get('allow-upstream') ?? []).flatMap((value) => value.split(',')).map((entry) => entry.trim());
  if (allowed.includes(''))
    return fail('--allow-upstream has an empty entry', 'Give host names, addresses or networks, separated by commas');

  const token = await readToken(strings.get('token-env'), strings.get('token-file'), env);
  if (typeof token === 'object') return token;
  const proxyMetrics = bools.get('proxy-metrics') === true;
  const runtimeMetrics = bools.get('runtime-metrics') === true;
  return {
    kind: 'run',
    embeddedToxics: bools.get('embedded-toxics') === true,
    config: strings.get('config'),
    options: {
      host: strings.get('host') ?? '127.0.0.1',
      port,
      limits,
      ...(seed !== undefined ? { seed } : {}),
      ...(token !== undefined ? { token } : {}),
      ...(allowed.length > 0 ? { allowedUpstreams: allowed } : {}),
      ...(proxyMetrics || runtimeMetrics ? { metrics: { proxy: proxyMetrics, runtime: runtimeMetrics } } : {}),
    },
  };
}

async function readToken(
  variable: string | undefined,
  file: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined | FlagError> {
  if (variable !== undefined && file !== undefined) return fail('--token-env and --token-file are both given', 'Give one of them');
  if (variable !== undefined) {
    const token = env[variable];
    if (!token) return fail(`--token-env ${variable} names a variable that is unset or empty`, 'Set it, or start without --token-env');
    return token;
  }
  if (file === undefined) return undefined;
  let token: string;
  try {
    token = (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
  } catch (error) {
    return fail(
      `--token-file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      'Give a readable file holding the token',
    );
  }
  if (token === '' || /\s/.test(token))
    return fail(`--token-file ${file} holds no token (empty, or white space inside)`, 'Write the token alone on one line');
  return token;
}

function fail(message: string, hint: string): FlagError {
  return { kind: 'error', message, hint };
}

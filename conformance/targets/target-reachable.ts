/**
 * Before a conformance run: is anything listening where the target is? A
 * target that is down is not a conformance result, and twenty failed cases
 * in a signed bundle would say otherwise.
 *
 * @module
 */
import { connect } from 'node:net';
import { TargetSetupError } from './target-options.js';

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };

/**
 * Opens (and closes) one TCP connection to the host and port of a target
 * URL; targets that are not URLs (`builtin`, `osmo-hlr`: started by the
 * suite) and URLs without a known port pass unchecked.
 *
 * @throws {TargetSetupError} naming the address and why nothing answered there.
 * @example
 * ```ts
 * await assertTargetReachable('http://127.0.0.1:7001');
 * ```
 */
export async function assertTargetReachable(target: string, timeoutMs = 5_000): Promise<void> {
  if (!target.includes('://')) return;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return; // resolving the slot reports a malformed URL, with the forms it takes
  }
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  if (port === undefined) return;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const why = await new Promise<string | undefined>((resolve) => {
    const socket = connect({ host, port });
    const done = (reason: string | undefined) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs} ms`));
    socket.once('connect', () => done(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(error.code === 'ECONNREFUSED' ? 'connection refused: nothing listens there' : (error.code ?? error.message)),
    );
  });
  if (why !== undefined) {
    throw new TargetSetupError(
      target,
      `${host}:${port} is unreachable (${why})`,
      'Start the implementation under test there, or fix --target',
    );
  }
}

/**
 * Choosing a 127.0.0.x address for one osmo-hlr. Its ports are fixed (GSUP
 * 4222, VTY 4258, CTRL 4259), so each instance needs an address of its own,
 * and parallel test workers must never pick the same one. A claim is a
 * listening socket on a side port of the address, held by this process for
 * the instance's life: binding it is atomic across processes, and the kernel
 * frees it if the process dies, so no stale lock is ever left behind.
 *
 * @module
 */
import { createServer, type Server } from 'node:net';

/** The side port whose listener marks an address as taken by one of our launchers. */
export const CLAIM_PORT = 42229;

/** An address held for one osmo-hlr instance. */
export interface AddressClaim {
  readonly address: string;
  /** Frees the address for other launchers. */
  release(): Promise<void>;
}

/** Result of trying one address. */
export type ClaimAttempt = { readonly claim: AddressClaim } | { readonly busy: string };

/**
 * Tries to claim one address: the claim port must bind, and the given ports
 * must be free (nothing else, such as a system osmo-hlr, listens there).
 *
 * @example
 * ```ts
 * const attempt = await tryClaimAddress('127.0.0.7', [4222, 4258, 4259]);
 * if ('claim' in attempt) await attempt.claim.release();
 * ```
 */
export async function tryClaimAddress(address: string, ports: readonly number[]): Promise<ClaimAttempt> {
  let lock: Server;
  try {
    lock = await listen(address, CLAIM_PORT);
  } catch (error) {
    return { busy: `another launcher holds it (${describe(error)})` };
  }
  lock.unref();
  for (const port of ports) {
    try {
      await close(await listen(address, port));
    } catch (error) {
      await close(lock);
      return { busy: `port ${port} is in use (${describe(error)})` };
    }
  }
  return { claim: { address, release: () => close(lock) } };
}

/**
 * Loopback addresses to try, starting at a place that depends on the
 * Playwright worker so parallel workers rarely contend. 127.0.0.1 is left
 * out: a system-wide osmo-hlr usually sits there.
 */
export function candidateAddresses(): string[] {
  const worker = Number(process.env['TEST_PARALLEL_INDEX'] ?? process.env['TEST_WORKER_INDEX'] ?? 0) || 0;
  const first = 2 + ((worker * 16 + (process.pid % 16)) % 253);
  return Array.from({ length: 253 }, (_, i) => `127.0.0.${2 + ((first - 2 + i) % 253)}`);
}

function listen(host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function describe(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

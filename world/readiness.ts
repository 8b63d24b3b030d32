import type { LinkInfo } from '../chaos/chaos-network.js';
import { nodeHttpExchange } from '../mocks/http/http-exchange.js';

/**
 * Waits until every element answers `/readyz` through its link's proxy.
 * Besides proving the wiring, this opens the keep-alive connections the
 * elements' clients will reuse (the same keep-alive `node:http` agent), so
 * the first procedure of a run does not pay for connection setup in its
 * measured latency.
 *
 * @throws when an element is still not ready after `timeoutMs`.
 */
export async function waitUntilReady(links: readonly LinkInfo[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await Promise.all(
    links.map(async (link) => {
      for (let attempt = 1; ; attempt++) {
        const answer = await nodeHttpExchange({ method: 'GET', url: `http://${link.listen}/readyz`, headers: {}, timeoutMs: 2_000 }).catch(
          (error: Error) => error,
        );
        // An element given by URL may guard every path: 401/403 still proves it is up and answering.
        if (!(answer instanceof Error) && (answer.status === 200 || answer.status === 401 || answer.status === 403)) return;
        if (Date.now() > deadline) {
          const why = answer instanceof Error ? answer.message : `HTTP ${answer.status}`;
          throw new Error(
            `[roam] Failed to start the roaming world: ${link.name} is not ready after ${attempt} tries (${why}). Check the element's log.`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }),
  );
}

import type { LinkInfo } from '../chaos/chaos-network.js';

/**
 * Waits until every element answers `/readyz` through its link's proxy.
 * Besides proving the wiring, this opens the keep-alive connections the
 * elements' clients will reuse, so the first procedure of a run does not
 * pay for connection setup in its measured latency.
 *
 * @throws when an element is still not ready after `timeoutMs`.
 */
export async function waitUntilReady(links: readonly LinkInfo[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await Promise.all(
    links.map(async (link) => {
      for (let attempt = 1; ; attempt++) {
        const response = await fetch(`http://${link.listen}/readyz`, { signal: AbortSignal.timeout(2_000) }).catch((error: Error) => error);
        if (response instanceof Response) {
          await response.arrayBuffer();
          // An element given by URL may guard every path: 401/403 still proves it is up and answering.
          if (response.ok || response.status === 401 || response.status === 403) return;
        }
        if (Date.now() > deadline) {
          const why = response instanceof Response ? `HTTP ${response.status}` : response.message;
          throw new Error(
            `[roam] Failed to start the roaming world: ${link.name} is not ready after ${attempt} tries (${why}). Check the element's log.`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }),
  );
}

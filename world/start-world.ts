import type { StartedRoamingWorld } from './roaming-world.js';
import type { WorldOptions } from './world-options.js';

/**
 * Starts a roaming world: every home and visited network's elements on
 * 127.0.0.1, each behind a chaos proxy, subscribers ready to be created.
 * The same as `startRoamingWorld` from `roaming-harness/world`; from the
 * main entry it loads the world's modules (elements, proxies, backends) on
 * the first call, so importing `roaming-harness` in a suite stays cheap.
 *
 * @example
 * ```ts
 * import { startRoamingWorld } from 'roaming-harness';
 * await using world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'] });
 * const roamer = await world.subscribers.create();
 * await world.attach(roamer, { visited: '208-01' });
 * ```
 */
export async function startRoamingWorld(options: WorldOptions = {}): Promise<StartedRoamingWorld> {
  const world = await import('./roaming-world.js');
  return world.startRoamingWorld(options);
}

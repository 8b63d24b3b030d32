import { describeOsmoHlrExit } from '../peers/osmo-hlr/osmo-hlr-exit.js';
import type { StartedRoamingWorld } from './roaming-world.js';

/**
 * The elements of a world whose process died without being stopped (osmo-hlr
 * killed or crashed), one line each, e.g.
 * `hlr:262-01: osmo-hlr exited (signal SIGKILL) at 2026-01-02T03:04:05.000Z`.
 * Built-in elements run inside this process and cannot die on their own.
 *
 * @param homes the home networks to look at
 * @example
 * ```ts
 * const exits = elementExitsOf(world, ['262-01']);
 * if (exits.length) await testInfo.attach('element exits', { body: exits.join('\n') });
 * ```
 */
export function elementExitsOf(world: StartedRoamingWorld, homes: readonly string[]): string[] {
  return homes.flatMap((home) => {
    const exit = world.homeNetwork(home).osmoHlr?.exitStatus();
    return exit && !exit.stopped ? [`hlr:${home}: ${describeOsmoHlrExit(exit)}`] : [];
  });
}

/**
 * How an osmo-hlr process ended, and that in words: what a world reports
 * when its HLR dies, without loading the launcher (and the GSUP stack)
 * into worlds that never start osmo-hlr.
 *
 * @module
 */

/** How an osmo-hlr process ended. */
export interface OsmoHlrExit {
  /** Its exit code, or null when a signal ended it. */
  readonly code: number | null;
  /** The signal that ended it, e.g. `SIGKILL`, or null. */
  readonly signal: NodeJS.Signals | null;
  /** When it ended. */
  readonly at: Date;
  /** True when {@link StartedOsmoHlr.stop} ended it; false when it died on its own (or was killed by someone else). */
  readonly stopped: boolean;
}

/**
 * An exit in words: `osmo-hlr exited (signal SIGKILL)` or `osmo-hlr exited (exit code 1)`.
 *
 * @example
 * ```ts
 * const exit = hlr.exitStatus();
 * if (exit && !exit.stopped) console.error(describeOsmoHlrExit(exit));
 * ```
 */
export function describeOsmoHlrExit(exit: OsmoHlrExit): string {
  return `osmo-hlr exited (${exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`}) at ${exit.at.toISOString()}`;
}

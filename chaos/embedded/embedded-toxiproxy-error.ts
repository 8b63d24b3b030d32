/**
 * The errors the embedded Toxiproxy raises on purpose, as opposed to the
 * answers of its HTTP API (those must read exactly like Toxiproxy's and are
 * built in `http/api-error.ts`).
 *
 * @module
 */
import { RoamError } from '../../core/errors.js';

/**
 * Something the embedded Toxiproxy could not do for its caller: start, listen,
 * register a toxic type. Messages read
 * `[roam] Failed to <verb> <object>: <cause>. <what to do>.`
 *
 * @example
 * ```ts
 * try { await startEmbeddedToxiproxy({ port: 8474 }) }
 * catch (e) { if (e instanceof EmbeddedToxiproxyError) console.log(e.code) }
 * ```
 */
export class EmbeddedToxiproxyError extends RoamError {
  /** What the user can do about it. */
  declare readonly hint: string;

  constructor(code: string, failedTo: string, cause: string, hint: string, options: { cause?: unknown } = {}) {
    super(code, failedTo, cause, { hint, cause: options.cause });
  }
}

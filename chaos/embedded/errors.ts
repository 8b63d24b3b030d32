/**
 * The errors the embedded Toxiproxy raises on purpose, as opposed to the
 * answers of its HTTP API (those must read exactly like Toxiproxy's and are
 * built in `http/api-error.ts`).
 *
 * @module
 */

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
export class EmbeddedToxiproxyError extends Error {
  /** A stable, machine-readable code, e.g. `ROAM_TOXIPROXY_LISTEN`. */
  readonly code: string;
  /** What the user can do about it. */
  readonly hint: string;

  constructor(code: string, failedTo: string, cause: string, hint: string, options: { cause?: unknown } = {}) {
    super(`[roam] Failed to ${failedTo}: ${withStop(cause)} ${withStop(hint)}`, options);
    this.name = new.target.name;
    this.code = code;
    this.hint = hint;
  }
}

function withStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

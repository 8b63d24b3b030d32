/**
 * A cancellable timer that never fires early. Node's `setTimeout` measures
 * from the event loop's cached clock and may fire a millisecond before the
 * requested time, which would let a 100 ms latency toxic deliver in 99 ms;
 * Go's timers never do that. Delays above 2^31-1 ms or not finite, which
 * `setTimeout` would turn into 1 ms, are handled too.
 *
 * @module
 */

const LONGEST_TIMEOUT = 2 ** 31 - 1;

/**
 * Calls `fire` once `ms` milliseconds have passed (never, if `ms` is not
 * finite); returns a function that cancels it.
 *
 * @example
 * ```ts
 * const cancel = startTimer(500, () => socket.destroy());
 * ```
 */
export function startTimer(ms: number, fire: () => void): () => void {
  if (!Number.isFinite(ms)) return () => undefined;
  const deadline = performance.now() + ms;
  let timeout: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  const check = (): void => {
    const left = deadline - performance.now();
    if (left <= 0) fire();
    // The last fraction of a millisecond is waited out on the event loop, not
    // with another timer that could overshoot by a whole millisecond.
    else if (left < 1) immediate = setImmediate(check);
    else timeout = setTimeout(check, Math.min(left, LONGEST_TIMEOUT));
  };
  timeout = setTimeout(check, Math.min(Math.max(ms, 1), LONGEST_TIMEOUT));
  return () => {
    clearTimeout(timeout);
    clearImmediate(immediate);
  };
}

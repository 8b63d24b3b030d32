/**
 * How long each exchange took, and how much of that was the element's own
 * work: the rest is the harness (client, chaos proxy, sockets, queueing in
 * either event loop). A harness that adds latency must show how much.
 *
 * Off by default (it costs an `AsyncLocalStorage` context per request).
 * With {@link enableExchangeTiming} (or `ROAM_EXCHANGE_TIMING=1` before the
 * elements start, which element hosts inherit):
 * - each served request reports its element time in `Server-Timing: el;dur=`:
 *   the handler's own time plus the element time of the exchanges it made
 *   itself (a VLR's calls to the HLR), without the time spent waiting on them;
 * - each client exchange publishes `{ name, wallMs, elementMs }` on the
 *   diagnostics channel {@link EXCHANGE_CHANNEL};
 * - {@link timeProcedure} runs a procedure and says how much of its wall
 *   time the elements spent, whatever the depth of the exchanges.
 *
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { channel } from 'node:diagnostics_channel';

/** The environment variable that turns exchange timing on (`1`), read when this module loads. */
export const EXCHANGE_TIMING_ENV = 'ROAM_EXCHANGE_TIMING';

/** The diagnostics channel each timed client exchange is published on. */
export const EXCHANGE_CHANNEL = 'roam:exchange';

/**
 * The diagnostics channel every client exchange is published on as it
 * starts, timing or not: `{ name, method }` (e.g. `hlr.sendAuthInfo`,
 * `POST`), whatever the transport. Free while nothing subscribes.
 */
export const EXCHANGE_START_CHANNEL = 'roam:exchange:start';

/** One client exchange as it starts, as published on {@link EXCHANGE_START_CHANNEL}. */
export interface ExchangeStart {
  /** The endpoint, e.g. `hlr.sendAuthInfo`. */
  readonly name: string;
  readonly method: string;
}

/** One client exchange, as published on {@link EXCHANGE_CHANNEL}. */
export interface ExchangeTiming {
  /** The endpoint, e.g. `hlr.sendAuthInfo`. */
  readonly name: string;
  /** From the call to the validated answer, ms. */
  readonly wallMs: number;
  /** Of that, the elements' own work (this element and those it called), ms; 0 when the element does not report it. */
  readonly elementMs: number;
}

/** What the exchanges made inside one context (a procedure, or a served request) add up to. */
interface TimingScope {
  /** Wall time of the exchanges made directly in this scope. */
  outboundWallMs: number;
  /** Element time those exchanges reported (including their own nested exchanges). */
  elementMs: number;
}

let enabled = process.env[EXCHANGE_TIMING_ENV] === '1';
const scopes = new AsyncLocalStorage<TimingScope>();
const exchanges = channel(EXCHANGE_CHANNEL);
const starts = channel(EXCHANGE_START_CHANNEL);

/** Called by the client as an exchange starts. */
export function announceExchange(name: string, method: string): void {
  if (starts.hasSubscribers) starts.publish({ name, method } satisfies ExchangeStart);
}

/** Turns exchange timing on (or off) in this thread, and in element hosts started from now on. */
export function enableExchangeTiming(on = true): void {
  enabled = on;
  if (on) process.env[EXCHANGE_TIMING_ENV] = '1';
  else delete process.env[EXCHANGE_TIMING_ENV];
}

/** Whether exchange timing is on in this thread. */
export function exchangeTimingEnabled(): boolean {
  return enabled;
}

/** Called by the client when an exchange has its validated answer. */
export function recordExchange(name: string, wallMs: number, serverTiming: string | undefined): void {
  const elementMs = elementTimeOf(serverTiming);
  const scope = scopes.getStore();
  if (scope) {
    scope.outboundWallMs += wallMs;
    scope.elementMs += elementMs;
  }
  if (exchanges.hasSubscribers) exchanges.publish({ name, wallMs, elementMs } satisfies ExchangeTiming);
}

/** `el;dur=12.5` -> 12.5; 0 when absent. */
export function elementTimeOf(serverTiming: string | undefined): number {
  const match = serverTiming ? /(?:^|,)\s*el;dur=([\d.]+)/.exec(serverTiming) : null;
  return match ? Number(match[1]) : 0;
}

/**
 * Serves one request in a scope of its own; `answer` gets the `Server-Timing`
 * value to send: the handler's time without its outbound waits, plus the
 * element time its outbound exchanges reported.
 */
export async function timeServedRequest<T>(handle: () => Promise<T>, answer: (result: T, serverTiming: string) => void): Promise<T> {
  const scope: TimingScope = { outboundWallMs: 0, elementMs: 0 };
  const start = performance.now();
  const result = await scopes.run(scope, handle);
  const own = Math.max(0, performance.now() - start - scope.outboundWallMs);
  answer(result, `el;dur=${(own + scope.elementMs).toFixed(3)}`);
  return result;
}

/** A procedure's wall time and the part of it the elements spent. */
export interface ProcedureTiming<T> {
  readonly result: T;
  readonly wallMs: number;
  /** The elements' own work in every exchange the procedure caused, ms. */
  readonly elementMs: number;
  /** `wallMs - elementMs`: the phone, clients, proxies, sockets and queues. */
  readonly harnessMs: number;
}

/**
 * Runs `procedure` and splits its wall time into the elements' work and the harness's.
 *
 * @example
 * ```ts
 * enableExchangeTiming();
 * const { result, harnessMs } = await timeProcedure(() => world.attach(roamer, { visited: '208-01' }));
 * ```
 */
export async function timeProcedure<T>(procedure: () => Promise<T>): Promise<ProcedureTiming<T>> {
  const scope: TimingScope = { outboundWallMs: 0, elementMs: 0 };
  const start = performance.now();
  const result = await scopes.run(scope, procedure);
  const wallMs = performance.now() - start;
  const elementMs = Math.min(wallMs, scope.elementMs);
  return { result, wallMs, elementMs, harnessMs: wallMs - elementMs };
}

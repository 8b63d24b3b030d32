/**
 * The protocol messages of the signalling transaction in progress, as the
 * port that sent them saw them on the wire (a Diameter AIR and its AIA, a
 * CCR and its CCA). {@link recordStep} opens a log around each transaction;
 * a port reports into {@link currentWireMessages} while it runs, and the
 * transaction's step carries what was reported. The log follows the async
 * context of the transaction, so concurrent transactions never mix their
 * messages.
 *
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SignalingMessage } from './signaling-step.js';

/** At most this many messages are kept per transaction (a retried request is several). */
export const MAX_WIRE_MESSAGES = 32;

/** The messages of one transaction; closed once the transaction has ended, so a late report is dropped. */
export class WireMessageLog {
  readonly #messages: SignalingMessage[] = [];
  #open = true;

  /** Adds a message, unless the transaction has ended or the log is full. */
  add(message: SignalingMessage): void {
    if (this.#open && this.#messages.length < MAX_WIRE_MESSAGES) this.#messages.push(message);
  }

  /** Whether the transaction is still running. */
  get open(): boolean {
    return this.#open;
  }

  /** Ends the transaction: what was reported so far is all there is. */
  close(): readonly SignalingMessage[] {
    this.#open = false;
    return this.#messages;
  }
}

const transactions = new AsyncLocalStorage<WireMessageLog>();
/**
 * Whether any port reports its messages. Until one does, transactions run
 * without an async context: on Node 20 a live `AsyncLocalStorage` hooks
 * every promise in the thread, a cost an HTTP-only world need not pay.
 */
let reporting = false;

/**
 * Says that a port in this thread will report the messages it puts on the
 * wire (a Diameter client's traffic hook calls it once, when it is made):
 * from then on every transaction gets a log of its own.
 */
export function reportWireMessages(): void {
  reporting = true;
}

const NO_MESSAGES: readonly SignalingMessage[] = Object.freeze([]);

/**
 * Runs `fn` with a fresh log as the current one, and returns its value with
 * the messages reported while it ran (also when it throws: see `messages` on
 * the error path of {@link recordStep}).
 */
export async function withWireMessages<T>(
  fn: () => Promise<T>,
): Promise<{ readonly value?: T; readonly error?: unknown; readonly failed: boolean; readonly messages: readonly SignalingMessage[] }> {
  if (!reporting) {
    try {
      return { value: await fn(), failed: false, messages: NO_MESSAGES };
    } catch (error) {
      return { error, failed: true, messages: NO_MESSAGES };
    }
  }
  const log = new WireMessageLog();
  try {
    const value = await transactions.run(log, fn);
    return { value, failed: false, messages: log.close() };
  } catch (error) {
    return { error, failed: true, messages: log.close() };
  }
}

/**
 * The log of the transaction running in this async context, if any and
 * still open: where a port reports the messages it sends and receives.
 *
 * @example
 * ```ts
 * const log = currentWireMessages();
 * log?.add({ name: 'AIR', from: 'vlr:208-01', to: 'hlr:262-01', startedAt: Date.now(), durationMs: 0, result: 'ok', attachment });
 * ```
 */
export function currentWireMessages(): WireMessageLog | undefined {
  const log = transactions.getStore();
  return log?.open ? log : undefined;
}

/**
 * Calls between a world and its element host, in both directions, over a
 * worker thread's port or a child process's IPC channel: each call is one
 * message, answered by one message with the value or the error.
 *
 * @internal
 */
import { RoamError } from '../../core/errors.js';

/** Where messages go and come from: a worker's port, or a child process's IPC channel. */
export interface HostPort {
  post(message: HostMessage): void;
  onMessage(listener: (message: HostMessage) => void): void;
}

/** One message between the two sides. */
export type HostMessage =
  | { readonly t: 'call'; readonly id: number; readonly method: string; readonly args: readonly unknown[] }
  | { readonly t: 'reply'; readonly id: number; readonly value: unknown }
  | { readonly t: 'error'; readonly id: number; readonly error: RemoteErrorData };

/** An error as it crosses: enough to rebuild its message, class name and stable code. */
export interface RemoteErrorData {
  readonly message: string;
  readonly name: string;
  readonly code?: string;
}

/** An error raised on the other side of an element host, with its message, name and code kept. */
export class ElementHostError extends RoamError {
  constructor(failedTo: string, reason: string, options: { hint?: string; code?: string; cause?: unknown } = {}) {
    super(options.code ?? 'ROAM_ELEMENT_HOST', failedTo, reason, {
      ...(options.hint ? { hint: options.hint } : {}),
      ...(options.cause ? { cause: options.cause } : {}),
    });
  }

  /** The error `data` describes, as raised in the host: same message, name and code. */
  static fromRemote(data: RemoteErrorData): ElementHostError {
    const error = new ElementHostError('call the element host', data.message, data.code ? { code: data.code } : {});
    error.message = data.message;
    error.name = data.name;
    return error;
  }
}

/** Handlers one side offers the other, by method name. */
export type HostHandlers = Readonly<Record<string, (...args: never[]) => unknown>>;

/**
 * One side of the calls: `call` the other side's handlers, answer its calls
 * with `handlers`.
 */
export class HostRpc {
  readonly #port: HostPort;
  readonly #handlers: HostHandlers;
  readonly #pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  #next = 1;
  #failed: Error | undefined;

  constructor(port: HostPort, handlers: HostHandlers) {
    this.#port = port;
    this.#handlers = handlers;
    port.onMessage((message) => this.#receive(message));
  }

  /** Calls `method` on the other side; resolves with what it returns. */
  call<T>(method: string, ...args: readonly unknown[]): Promise<T> {
    if (this.#failed) return Promise.reject(this.#failed);
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      try {
        this.#port.post({ t: 'call', id, method, args });
      } catch (error) {
        this.#pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Fails every call waiting for an answer, and every later one, with `error` (the other side is gone). */
  fail(error: Error): void {
    this.#failed ??= error;
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }

  #receive(message: HostMessage): void {
    if (message.t === 'call') {
      void this.#answer(message.id, message.method, message.args);
      return;
    }
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    if (message.t === 'reply') pending.resolve(message.value);
    else pending.reject(ElementHostError.fromRemote(message.error));
  }

  async #answer(id: number, method: string, args: readonly unknown[]): Promise<void> {
    try {
      const handler = this.#handlers[method] as ((...a: readonly unknown[]) => unknown) | undefined;
      if (!handler)
        throw new ElementHostError(`call ${method} in the element host`, 'no such call', {
          hint: 'Use the same roaming-harness version on both sides',
        });
      const value = await handler(...args);
      this.#port.post({ t: 'reply', id, value });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      const code = (e as { code?: unknown }).code;
      this.#port.post({ t: 'error', id, error: { message: e.message, name: e.name, ...(typeof code === 'string' ? { code } : {}) } });
    }
  }
}

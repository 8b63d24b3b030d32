/**
 * A toxic as configured on one proxy: what the API lists and what every
 * live connection of the proxy runs (Go's `ToxicWrapper`).
 *
 * @module
 */
import type { ChainToxic } from '../link/toxic-link.js';
import type { ToxicStub } from '../link/toxic-stub.js';
import type { ToxicChange } from './toxic-input.js';
import type { ToxicType } from './toxic-type.js';

/** Which way a toxic acts: `upstream` = client to server, `downstream` = server to client. */
export type Direction = 'upstream' | 'downstream';

/**
 * Go's `stream.ParseDirection`: case-insensitive, so `UPSTREAM` is upstream
 * (while the toxic keeps reporting the stream as it was sent).
 *
 * @example
 * ```ts
 * parseDirection('UpStream') // 'upstream'
 * ```
 */
export function parseDirection(stream: string): Direction | undefined {
  const lower = stream.toLowerCase();
  return lower === 'upstream' || lower === 'downstream' ? lower : undefined;
}

/**
 * One configured toxic. Its settings change in place on update, and every
 * run on a stub snapshots them, so a stub keeps the settings it started with
 * until the link restarts it.
 *
 * @example
 * ```ts
 * const toxic = new ConfiguredToxic({ name: 'slow', type: latency, stream: 'downstream', direction: 'downstream', toxicity: 1, attributes });
 * ```
 */
export class ConfiguredToxic implements ChainToxic {
  readonly name: string;
  readonly type: ToxicType;
  /** The stream exactly as the client sent it. */
  readonly stream: string;
  readonly direction: Direction;
  #toxicity: number;
  #attributes: ReadonlyMap<string, bigint>;
  #numbers: Readonly<Record<string, number>>;
  #shared: unknown;

  constructor(init: {
    name: string;
    type: ToxicType;
    stream: string;
    direction: Direction;
    toxicity: number;
    attributes: ReadonlyMap<string, bigint>;
  }) {
    this.name = init.name;
    this.type = init.type;
    this.stream = init.stream;
    this.direction = init.direction;
    this.#toxicity = init.toxicity;
    this.#attributes = init.attributes;
    this.#numbers = toNumbers(init.attributes);
    this.#shared = this.type.newSharedState?.(this.#numbers, this.#toxicity);
  }

  /** Probability of applying to a connection (a float32 value). */
  get toxicity(): number {
    return this.#toxicity;
  }

  /** See {@link ChainToxic.connectionToxicity}: 1 for a toxic that rolls per request itself. */
  get connectionToxicity(): number {
    return this.type.rollsPerRequest?.(this.#numbers) === true ? 1 : this.#toxicity;
  }

  /** Attribute values in the type's order, as exact 64-bit integers. */
  get attributes(): ReadonlyMap<string, bigint> {
    return this.#attributes;
  }

  /** See {@link ChainToxic.bufferSize}. */
  get bufferSize(): number {
    return this.type.bufferSize ?? 0;
  }

  /** Applies an update; live stubs pick it up when the link restarts them. */
  update(change: ToxicChange): void {
    this.#attributes = change.attributes;
    this.#numbers = toNumbers(change.attributes);
    this.#toxicity = change.toxicity;
    this.#shared = this.type.newSharedState?.(this.#numbers, this.#toxicity);
  }

  /** Runs the type's loop with the settings of this moment. */
  pipe(stub: ToxicStub): Promise<void> {
    return this.type.pipe(stub, this.#numbers, this.#shared);
  }

  /** See {@link ChainToxic.newState}. */
  newState(): unknown {
    return this.type.newState?.();
  }

  /** See {@link ChainToxic.cleanup}. */
  cleanup(stub: ToxicStub): void {
    this.type.cleanup?.(stub);
  }
}

function toNumbers(attributes: ReadonlyMap<string, bigint>): Readonly<Record<string, number>> {
  return Object.fromEntries([...attributes].map(([name, value]) => [name, Number(value)]));
}

/**
 * What a kind of toxic is: its name in the API, its attributes, and the loop
 * that runs on each connection's stub. Every built-in toxic is one of these,
 * and embedded-only toxics can be added to a {@link ToxicTypeRegistry} later
 * the same way.
 *
 * @module
 */
import type { ToxicStub } from '../link/toxic-stub.js';

/** The Go integer type of an attribute; all Toxiproxy attributes are integers. */
export type AttributeKind = 'int64' | 'int';

/**
 * A kind of toxic.
 *
 * @typeParam Attribute the names of its attributes
 *
 * @example
 * ```ts
 * const noop = defineToxicType({ name: 'noop', goStruct: 'NoopToxic', attributes: {}, pipe: passThrough });
 * ```
 */
export interface ToxicType<Attribute extends string = string> {
  /** The `type` a client sends, e.g. `latency`. */
  readonly name: string;
  /** The Go struct's name (`LatencyToxic`), which Go's JSON errors quote. */
  readonly goStruct: string;
  /** Attribute names and Go types, in the order the JSON lists them. */
  readonly attributes: Readonly<Record<Attribute, AttributeKind>>;
  /** Chunks the stub's input buffers before its writer must wait (Go's `GetBufferSize`); default 0. */
  readonly bufferSize?: number;
  /**
   * True for toxics that reset peers: a connection that opens while one is
   * in its chain closes both of its sockets with RST (Go sets SO_LINGER 0).
   */
  readonly resetsConnections?: boolean;
  /** Per-connection state that survives updates of the toxic (Go's `StatefulToxic`). */
  newState?(): unknown;
  /**
   * State shared by every connection of the toxic, made anew when the toxic
   * is created or updated: a seeded random source, a burst-loss chain that
   * runs across connections. Embedded-only; Toxiproxy's own types have none.
   */
  newSharedState?(attributes: Readonly<Record<Attribute, number>>, toxicity: number): unknown;
  /**
   * True if, with these attributes, the toxic rolls its toxicity itself at
   * every request instead of once per connection (embedded-only types).
   */
  rollsPerRequest?(attributes: Readonly<Record<Attribute, number>>): boolean;
  /** The toxic's loop for one connection and one direction; `shared` is what {@link newSharedState} made. */
  pipe(stub: ToxicStub, attributes: Readonly<Record<Attribute, number>>, shared?: unknown): Promise<void>;
  /** Runs when the toxic is removed from a live connection (Go's `CleanupToxic`). */
  cleanup?(stub: ToxicStub): void;
}

/**
 * Identity function that infers attribute names, so `pipe` gets typed attributes.
 *
 * @example
 * ```ts
 * export const slowClose = defineToxicType({ name: 'slow_close', goStruct: 'SlowCloseToxic', attributes: { delay: 'int64' }, pipe });
 * ```
 */
export function defineToxicType<Attribute extends string>(type: ToxicType<Attribute>): ToxicType<Attribute> {
  return type;
}

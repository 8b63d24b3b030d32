/**
 * The toxic types a server knows, by name. `POST /proxies/{p}/toxics` looks
 * the `type` up here; an unknown name is `invalid toxic type`.
 *
 * @module
 */
import { EmbeddedToxiproxyError } from '../embedded-toxiproxy-error.js';
import { bandwidth } from './bandwidth.js';
import { latency } from './latency.js';
import { limitData } from './limit-data.js';
import { noop } from './noop.js';
import { resetPeer } from './reset-peer.js';
import { slicer } from './slicer.js';
import { slowClose } from './slow-close.js';
import { timeout } from './timeout.js';
import type { ToxicType } from './toxic-type.js';

/**
 * A set of toxic types keyed by name.
 *
 * @example
 * ```ts
 * const types = createDefaultToxicTypes();
 * types.get('latency')?.attributes // { latency: 'int64', jitter: 'int64' }
 * ```
 */
export class ToxicTypeRegistry {
  readonly #types = new Map<string, ToxicType>();

  /** Adds a type; a name can only be registered once. */
  register(type: ToxicType): this {
    if (this.#types.has(type.name)) {
      throw new EmbeddedToxiproxyError(
        'ROAM_TOXIC_TYPE_EXISTS',
        `register toxic type ${JSON.stringify(type.name)}`,
        'a toxic type with that name is already registered',
        'Give the new toxic type a name of its own',
      );
    }
    this.#types.set(type.name, type);
    return this;
  }

  /** The type registered under `name`, matched exactly as Go does (case-sensitive). */
  get(name: string): ToxicType | undefined {
    return this.#types.get(name);
  }

  /** Every registered name, in registration order. */
  names(): string[] {
    return [...this.#types.keys()];
  }
}

/**
 * A registry holding exactly the toxic types of Toxiproxy 2.12: the seven
 * documented ones and the internal `noop`.
 *
 * @example
 * ```ts
 * createDefaultToxicTypes().names() // ['noop', 'latency', 'bandwidth', ...]
 * ```
 */
export function createDefaultToxicTypes(): ToxicTypeRegistry {
  const registry = new ToxicTypeRegistry();
  for (const type of [noop, latency, bandwidth, slowClose, timeout, resetPeer, slicer, limitData]) {
    registry.register(type as ToxicType);
  }
  return registry;
}

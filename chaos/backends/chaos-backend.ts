/**
 * The three chaos backends behind one Toxiproxy API, as the rest of chaos/
 * sees them.
 *
 * @module
 */
import type { LinkAddressing } from './link-addressing.js';

/** Which kind of Toxiproxy serves the API. */
export type ChaosBackendKind = 'embedded' | 'external' | 'container';

/** Every backend kind, in order of preference for `auto`. */
export const CHAOS_BACKEND_KINDS: readonly ChaosBackendKind[] = ['embedded', 'external', 'container'];

/** A Toxiproxy API and how to address links through it: what a `ChaosNetwork` needs. */
export interface ChaosEndpoint {
  /** The API, e.g. `http://127.0.0.1:8474`. */
  readonly url: string;
  /** Which kind of backend it is. */
  readonly kind: ChaosBackendKind;
  /** True if the backend has the embedded-only toxic types (`roam_latency`, `roam_loss`). */
  readonly embeddedToxics: boolean;
  /** How links are addressed; default same-machine. */
  readonly addressing?: LinkAddressing;
  /** The bearer token the API requires, when the backend was started with one (the embedded server). */
  readonly token?: string;
}

/** A started backend. Close it when done (for `embedded` and `container`, that stops the server). */
export interface StartedChaosBackend extends ChaosEndpoint {
  /** Why this backend was chosen, in a sentence, e.g. `auto: TOXIPROXY_URL is set`. */
  readonly reason: string;
  /** The backend's `/version`, e.g. `2.12.0+roaming-harness`. */
  readonly version: string;
  /** Stops what was started (an external Toxiproxy is left running). */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

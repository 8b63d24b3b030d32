/**
 * What a fault turns into on a Toxiproxy backend: toxics to add, a proxy to
 * switch off, or a schedule of both. Planning is pure and synchronous, so a
 * fault with a bad field fails before anything is injected.
 *
 * @module
 */
import { EMBEDDED_ONLY_TOXIC_TYPES } from '../embedded/toxics/embedded-only/registry.js';
import type { FaultKind, FaultScope } from '../fault.js';

/** One toxic as the Toxiproxy API takes it (the name is given when it is added). */
export interface ToxicSpec {
  readonly type: string;
  readonly stream: 'upstream' | 'downstream';
  readonly toxicity: number;
  readonly attributes: Readonly<Record<string, number>>;
}

/** The part of a plan that is in effect at one moment. */
export interface FaultEffect {
  readonly toxics: readonly ToxicSpec[];
  /** Switch the link's proxy off (new connections refused, live ones closed). */
  readonly disablesProxy: boolean;
}

/** A fault, planned. */
export interface FaultPlan extends FaultEffect {
  readonly kind: FaultKind;
  readonly description: string;
  readonly per: FaultScope;
  /** For flapping: the effect while down, and the rhythm. */
  readonly flapping?: { readonly periodMs: number; readonly downMs: number; readonly down: FaultEffect };
  /** How to say the same with Toxiproxy's own toxics, for the embedded-only error. */
  readonly portableHint?: string;
}

/** How a planner sees the link. */
export interface PlanContext {
  /** e.g. `vlr:208-01 -> hlr:262-01`, for error messages. */
  readonly link: string;
  /** The default of `per` on this link. */
  readonly defaultPer: 'request' | 'connection';
}

/** The embedded-only toxic types a plan needs, if any. */
export function embeddedOnlyTypesOf(plan: FaultPlan): string[] {
  const all = [...plan.toxics, ...(plan.flapping?.down.toxics ?? [])].map((t) => t.type);
  return [...new Set(all.filter((type) => (EMBEDDED_ONLY_TOXIC_TYPES as readonly string[]).includes(type)))];
}

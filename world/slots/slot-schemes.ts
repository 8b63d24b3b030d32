import { diameterSlotScheme } from './diameter-slot.js';
import { type ElementRole, type ExternalSlot, InvalidElementSlotError, type ResolvedSlot } from './element-slot.js';
import { gsupSlotScheme } from './gsup-slot.js';
import { httpSlotScheme } from './http-slot.js';

/**
 * One URL scheme an element slot takes. Adding a protocol is one module
 * that exports a `SlotScheme`, listed in {@link SLOT_SCHEMES}.
 */
export interface SlotScheme {
  /** URL protocols with their colon, e.g. `['gsup:']`. */
  readonly schemes: readonly string[];
  /** The roles an element of this protocol can fill. */
  readonly roles: readonly ElementRole[];
  /** Set when the scheme is known but refused, saying why. */
  readonly refused?: string;
  /** The external slot for a URL of this scheme. */
  resolve(url: URL, role: ElementRole): ExternalSlot | undefined;
}

/** Every scheme an element slot knows. */
export const SLOT_SCHEMES: readonly SlotScheme[] = [httpSlotScheme, gsupSlotScheme, diameterSlotScheme];

/** Words a slot takes besides URLs. */
const BUILTIN_WORDS = new Set(['builtin', 'mock']);

/**
 * What fills the `role` slot of `where` (e.g. `262-01`) given the user's
 * `value`: `builtin` (or `mock`), `osmo-hlr` (HLR only), or a URL of a
 * scheme in {@link SLOT_SCHEMES}.
 *
 * @throws {InvalidElementSlotError} naming the role, the network and what it takes instead.
 * @example
 * ```ts
 * resolveSlot('hlr', 'gsup://127.0.0.5:4222', '262-01') // { kind: 'external', protocol: 'gsup', address: '127.0.0.5:4222', ... }
 * ```
 */
export function resolveSlot(role: ElementRole, value: string, where: string): ResolvedSlot {
  const choice = value.trim();
  if (BUILTIN_WORDS.has(choice)) return { kind: 'builtin', role };
  if (choice === 'osmo-hlr') {
    if (role === 'hlr') return { kind: 'osmo-hlr', role };
    throw new InvalidElementSlotError(role, where, value, 'osmo-hlr is an HLR', `Give the ${role} as ${acceptedFor(role)}`);
  }
  if (!choice.includes('://')) {
    throw new InvalidElementSlotError(role, where, value, 'it is neither a known element nor a URL', `Give ${acceptedFor(role)}`);
  }
  let url: URL;
  try {
    url = new URL(choice);
  } catch {
    throw new InvalidElementSlotError(role, where, value, 'it is not a URL', `Give ${acceptedFor(role)}`);
  }
  if (url.username || url.password) {
    throw new InvalidElementSlotError(
      role,
      where,
      `${url.protocol}//…@${url.host}`,
      'the URL carries credentials, which would end up in logs and reports',
      'Pass credentials as options (e.g. billingAuth.token), never in the URL',
    );
  }
  const scheme = SLOT_SCHEMES.find((s) => s.schemes.includes(url.protocol));
  if (!scheme) {
    throw new InvalidElementSlotError(
      role,
      where,
      value,
      `the scheme ${url.protocol.slice(0, -1)} is not known`,
      `Give ${acceptedFor(role)}`,
    );
  }
  if (scheme.refused) throw new InvalidElementSlotError(role, where, value, scheme.refused, `Give ${acceptedFor(role)}`);
  if (!scheme.roles.includes(role)) {
    throw new InvalidElementSlotError(
      role,
      where,
      value,
      `a ${url.protocol.slice(0, -1)} element cannot be the ${role}`,
      `Give ${acceptedFor(role)}`,
    );
  }
  const slot = scheme.resolve(url, role);
  if (!slot) throw new InvalidElementSlotError(role, where, value, 'the scheme resolved to nothing', `Give ${acceptedFor(role)}`);
  return slot;
}

/** What the `role` slot takes, in words, for hints. */
export function acceptedFor(role: ElementRole): string {
  const schemes = SLOT_SCHEMES.filter((s) => !s.refused && s.roles.includes(role)).flatMap((s) => s.schemes.map((p) => `${p}//host:port`));
  return ['builtin', ...(role === 'hlr' ? ['osmo-hlr'] : []), ...schemes].join(', ');
}

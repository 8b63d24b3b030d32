import { RoamError } from '../../core/errors.js';

/** The roles a world has slots for: the home HLR/HSS, the visited VLR/MME, the home billing system (OCS). */
export type ElementRole = 'hlr' | 'vlr' | 'billing';

/** Every role, in the order they are listed to users. */
export const ELEMENT_ROLES: readonly ElementRole[] = ['hlr', 'vlr', 'billing'];

/** The wire protocol an external element speaks. */
export type SlotProtocol = 'http' | 'gsup' | 'diameter';

/**
 * What fills one element slot of a world: the built-in element, osmo-hlr
 * started by the world (HLR only), or the user's own implementation at a URL.
 */
export type ResolvedSlot =
  { readonly kind: 'builtin'; readonly role: ElementRole } | { readonly kind: 'osmo-hlr'; readonly role: 'hlr' } | ExternalSlot;

/** A user's implementation at an address the world does not start or stop. */
export interface ExternalSlot {
  readonly kind: 'external';
  readonly role: ElementRole;
  readonly protocol: SlotProtocol;
  /** The URL as given, without credentials or query. */
  readonly url: string;
  /** `host:port` a chaos proxy forwards to. */
  readonly address: string;
  /** Options the URL's query carried, e.g. `vty` for a GSUP HLR provisioned over its VTY. */
  readonly options: Readonly<Record<string, string>>;
}

/** A slot given a value the world cannot use: an unknown word, a scheme not supported (yet), a URL without a port. */
export class InvalidElementSlotError extends RoamError {
  constructor(role: ElementRole, where: string, value: string, cause: string, hint: string) {
    super('ROAM_INVALID_ELEMENT_SLOT', `use ${JSON.stringify(value)} as the ${role} of ${where}`, cause, { hint });
  }
}

/** How a slot names its element in errors and links: `hlr:262-01`. */
export function slotName(role: ElementRole, plmn: string): string {
  return `${role}:${plmn}`;
}

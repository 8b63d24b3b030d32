/**
 * Which protocol each inter-network link of a world speaks: the VLRs' link
 * to a home HLR/HSS (`vlr:<visited> -> hlr:<home>`) and to a home billing
 * system (`vlr:<visited> -> billing:<home>`). The built-in elements speak
 * what the `protocols` option says; osmo-hlr speaks GSUP; an element given
 * by URL speaks its URL's scheme.
 *
 * @module
 */
import type { PlmnId } from '../simulator/plmn.js';
import type { ResolvedSlot } from './slots/element-slot.js';
import { InvalidWorldOptionError } from './world-options.js';

/** How VLRs reach a home HLR/HSS: the HLR HTTP contract, GSUP over IPA, or S6a over Diameter. */
export type HlrLinkProtocol = 'http' | 'gsup' | 'diameter';

/** How VLRs reach a home billing system: the billing HTTP contract, or Gy (credit control) over Diameter. */
export type BillingLinkProtocol = 'http' | 'diameter';

/**
 * The protocol of each kind of link, for every home network.
 *
 * @example
 * ```ts
 * await startRoamingWorld({ protocols: { hlr: 'diameter', billing: 'diameter' } }); // S6a and Gy
 * ```
 */
export interface LinkProtocols {
  /** The VLRs' link to the HLR/HSS. Default: `http` for the built-in HLR, `gsup` for osmo-hlr, the scheme of a URL. */
  readonly hlr?: HlrLinkProtocol;
  /** The VLRs' link to billing. Default: `http` for the built-in billing, the scheme of a URL. */
  readonly billing?: BillingLinkProtocol;
}

/** The protocols of one home network's links, resolved. */
export interface HomeLinkProtocols {
  readonly hlr: HlrLinkProtocol;
  readonly billing: BillingLinkProtocol;
}

const HLR_PROTOCOLS: readonly HlrLinkProtocol[] = ['http', 'gsup', 'diameter'];
const BILLING_PROTOCOLS: readonly BillingLinkProtocol[] = ['http', 'diameter'];

/**
 * The protocols of the links to home network `plmn`, given what fills its
 * slots. A protocol the element in the slot does not speak is refused.
 *
 * @throws {InvalidWorldOptionError} naming the option, the element and what it speaks.
 */
export function homeLinkProtocols(
  protocols: LinkProtocols | undefined,
  plmn: PlmnId,
  slots: { readonly hlr: ResolvedSlot; readonly billing: ResolvedSlot },
): HomeLinkProtocols {
  const wanted = protocols ?? {};
  if (wanted.hlr !== undefined && !HLR_PROTOCOLS.includes(wanted.hlr))
    throw new InvalidWorldOptionError('protocols.hlr', String(wanted.hlr), `Use one of ${HLR_PROTOCOLS.join(', ')}`);
  if (wanted.billing !== undefined && !BILLING_PROTOCOLS.includes(wanted.billing))
    throw new InvalidWorldOptionError('protocols.billing', String(wanted.billing), `Use one of ${BILLING_PROTOCOLS.join(', ')}`);
  return {
    hlr: chosen('hlr', wanted.hlr, plmn, slots.hlr, ['http', 'diameter']),
    billing: chosen('billing', wanted.billing, plmn, slots.billing, ['http', 'diameter']) as BillingLinkProtocol,
  };
}

function chosen(
  role: 'hlr' | 'billing',
  wanted: HlrLinkProtocol | undefined,
  plmn: PlmnId,
  slot: ResolvedSlot,
  builtin: readonly HlrLinkProtocol[],
): HlrLinkProtocol {
  const speaks: readonly HlrLinkProtocol[] = slot.kind === 'builtin' ? builtin : slot.kind === 'osmo-hlr' ? ['gsup'] : [slot.protocol];
  const protocol = wanted ?? speaks[0]!;
  if (speaks.includes(protocol)) return protocol;
  const element = slot.kind === 'builtin' ? `the built-in ${role}` : slot.kind === 'osmo-hlr' ? 'osmo-hlr' : slot.url;
  throw new InvalidWorldOptionError(
    `protocols.${role}`,
    protocol,
    `${role}:${plmn} is ${element}, which speaks ${speaks.join(' or ')}: drop protocols.${role}, or put an element that speaks ${protocol} in the ${role} slot`,
  );
}

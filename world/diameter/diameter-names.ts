/**
 * The Diameter identities of a world's elements, named as TS 23.003 §19
 * names an EPC's nodes: the HSS of 262-01 is
 * `hss.epc.mnc001.mcc262.3gppnetwork.org` in realm
 * `epc.mnc001.mcc262.3gppnetwork.org`. A VLR's Origin-Host is its VLR
 * number (`vlr-208-01`): the HSS stores the Origin-Host of the MME that
 * registered a subscriber as its serving node, so the number a home HLR
 * keeps is the same over HTTP and over S6a.
 *
 * @module
 */
import { parsePlmn, type PlmnId } from '../../simulator/plmn.js';
import type { PeerIdentity } from '../../peers/diameter/capabilities.js';
import type { ResolvedSlot } from '../slots/element-slot.js';
import { InvalidWorldOptionError } from '../world-options.js';

/** A Diameter node's name and realm. */
export type DiameterName = Omit<PeerIdentity, 'applications'>;

/** `mnc001.mcc262.3gppnetwork.org`: the home domain of a PLMN. */
export function plmnDomain(plmn: PlmnId | string): string {
  const { mcc, mnc } = parsePlmn(plmn);
  return `mnc${mnc.padStart(3, '0')}.mcc${mcc}.3gppnetwork.org`;
}

/** The HSS of a home network. */
export function hssName(home: PlmnId): DiameterName {
  const realm = `epc.${plmnDomain(home)}`;
  return { originHost: `hss.${realm}`, originRealm: realm };
}

/** The OCS of a home network. */
export function ocsName(home: PlmnId): DiameterName {
  const realm = plmnDomain(home);
  return { originHost: `ocs.${realm}`, originRealm: realm };
}

/** A VLR/MME of a visited network: its VLR number as Origin-Host, in its EPC's realm. */
export function mmeName(visited: PlmnId, vlrNumber: string): DiameterName {
  return { originHost: vlrNumber, originRealm: `epc.${plmnDomain(visited)}` };
}

/**
 * Refuses an `originHost` given in a `diameter://` slot that several of the
 * world's VLRs would present: a Diameter node has one Origin-Host, and an
 * HSS that saw two VLRs under one name could not send a CancelLocation to
 * the right one.
 *
 * @param users the visited networks whose built-in VLR connects to each home network
 * @throws {InvalidWorldOptionError} naming the slot and the VLRs.
 */
export function checkOriginHosts(
  slots: ReadonlyMap<PlmnId, { readonly hlr: ResolvedSlot; readonly billing: ResolvedSlot }>,
  users: (home: PlmnId) => readonly PlmnId[],
): void {
  for (const [home, roles] of slots) {
    for (const role of ['hlr', 'billing'] as const) {
      const slot = roles[role];
      if (slot.kind !== 'external' || slot.protocol !== 'diameter' || !slot.options['originHost']) continue;
      const vlrs = users(home);
      if (vlrs.length <= 1) continue;
      throw new InvalidWorldOptionError(
        role,
        `${slot.url}?originHost=${slot.options['originHost']}`,
        `${vlrs.length} VLRs (${vlrs.map((v) => `vlr:${v}`).join(', ')}) connect to ${role}:${home}, and one Origin-Host cannot name them all: drop originHost (each VLR then names itself vlr-<plmn>, in originRealm when given, else in epc.mnc<MNC>.mcc<MCC>.3gppnetwork.org) or keep one visited network`,
      );
    }
  }
}

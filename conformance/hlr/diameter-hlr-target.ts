/**
 * An HSS under test over S6a, as the HLR suite drives it: each of the
 * suite's VLRs is an MME with its own Diameter connection through the chaos
 * proxy, asking for UTRAN vectors (CK and IK, as a VLR/SGSN does), so every
 * vector is checked against the SIM as over the other protocols.
 *
 * @module
 */
import type { PlmnId } from '../../simulator/plmn.js';
import type { HomeNetworkPort } from '../../simulator/signaling/ports.js';
import { DiameterClient } from '../../peers/diameter/peer-client.js';
import { mmeRequestHandler } from '../../peers/diameter/s6a/mme-requests.js';
import { S6aHomeNetwork } from '../../peers/diameter/s6a/s6a-home-network.js';
import type { ExternalSlot } from '../../world/slots/element-slot.js';
import { mmeName } from '../../world/diameter/diameter-names.js';
import { fileSupply, type SubscriberSupply } from '../subscribers/subscriber-supply.js';
import { TargetSetupError, type TargetOptions } from '../targets/target-options.js';

/** What the suite needs of an HSS over S6a. */
export interface DiameterHlr {
  readonly subscribers: SubscriberSupply;
  vlr(vlrNumber: string): HomeNetworkPort;
  close(): Promise<void>;
}

/**
 * Opens the suite's MMEs towards the HSS at `listen` (the proxy in front of
 * `slot`). The URL's `originHost` names the suite's first VLR; the others
 * are `<vlr number>.<realm>`, in the URL's `originRealm` or the visited
 * network's EPC realm.
 *
 * @throws {TargetSetupError} without a subscriber list: S6a has no provisioning.
 */
export function openDiameterHlr(slot: ExternalSlot, listen: string, visited: PlmnId, options: TargetOptions): DiameterHlr {
  if (!options.subscribers) {
    throw new TargetSetupError(
      slot.url,
      'an HSS over S6a cannot be provisioned by the suite, and no subscriber list was given',
      'Provision subscribers in the HSS and give --subscribers <csv> with their imsi,msisdn,k,opc[,roaming]',
    );
  }
  const subscribers = fileSupply(options.subscribers);
  const realm = slot.options['originRealm'] ?? mmeName(visited, 'vlr').originRealm;
  const at = listen.lastIndexOf(':');
  const clients = new Map<string, { client: DiameterClient; port: S6aHomeNetwork }>();
  return {
    subscribers,
    vlr(vlrNumber) {
      let opened = clients.get(vlrNumber);
      if (!opened) {
        const originHost = clients.size === 0 && slot.options['originHost'] ? slot.options['originHost'] : `${vlrNumber}.${realm}`;
        const client = new DiameterClient({
          host: listen.slice(0, at).replace(/^\[(.*)\]$/, '$1'),
          port: Number(listen.slice(at + 1)),
          identity: { originHost, originRealm: realm, applications: ['s6a'] },
          // The suite's VLRs keep no registrations: a CancelLocation or InsertSubscriberData is simply acknowledged.
          onRequest: mmeRequestHandler({ cancelLocation: () => true, insertSubscriberData: () => true }),
        });
        const port = new S6aHomeNetwork({
          client,
          servingPlmn: visited,
          vectors: 'utran',
          ...(slot.options['destinationRealm'] ? { destinationRealm: slot.options['destinationRealm'] } : {}),
          ...(slot.options['destinationHost'] ? { destinationHost: slot.options['destinationHost'] } : {}),
        });
        clients.set(vlrNumber, (opened = { client, port }));
      }
      return opened.port;
    },
    close: async () => void (await Promise.all([...clients.values()].map((c) => c.client.close()))),
  };
}

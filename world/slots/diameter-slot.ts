import type { ExternalSlot } from './element-slot.js';
import type { SlotScheme } from './slot-schemes.js';
import { parseDiameterUrl } from '../../peers/diameter/diameter-url.js';

/**
 * `diameter://host:port`: an HSS (S6a, the HLR role: an HSS, or a DEA/DRA
 * in front of one) or an OCS (Gy, the billing role) over Diameter on TCP,
 * port 3868 when omitted. The query names the harness in the capabilities
 * exchange (`originHost`, `originRealm`: put them in your peer list) and
 * routes behind a DRA (`destinationRealm`, `destinationHost`).
 *
 * @throws {InvalidDiameterUrlError} for a bad port, an unknown option or an identity that is not an FQDN.
 */
export const diameterSlotScheme: SlotScheme = {
  schemes: ['diameter:'],
  roles: ['hlr', 'billing'],
  resolve: (url, role): ExternalSlot => {
    const target = parseDiameterUrl(url.href);
    const { host: _host, port: _port, ...identities } = target;
    const host = target.host.includes(':') ? `[${target.host}]` : target.host;
    return {
      kind: 'external',
      role,
      protocol: 'diameter',
      url: `diameter://${host}:${target.port}`,
      address: `${host}:${target.port}`,
      options: identities as Readonly<Record<string, string>>,
    };
  },
};

/** `diameters://`: Diameter over TLS, known and refused, so the slot says why rather than "unknown scheme". */
export const diameterTlsSlotScheme: SlotScheme = {
  schemes: ['diameters:'],
  roles: ['hlr', 'billing'],
  refused: 'Diameter over TLS is not supported; the harness speaks Diameter over plain TCP (diameter://host:port)',
  resolve: () => undefined,
};

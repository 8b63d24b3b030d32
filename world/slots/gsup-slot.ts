import type { ExternalSlot } from './element-slot.js';
import type { SlotScheme } from './slot-schemes.js';
import { addressOf } from './slot-address.js';

/**
 * `gsup://host:port`: an HLR that speaks GSUP over IPA (osmo-hlr, or any
 * HLR behind a GSUP gateway). HLR role only. `?vty=<port>` names a VTY on
 * the same host to provision subscribers through (osmo-hlr's is 4258);
 * without it the user provisions the HLR.
 */
export const gsupSlotScheme: SlotScheme = {
  schemes: ['gsup:'],
  roles: ['hlr'],
  resolve: (url, role): ExternalSlot => {
    const vty = url.searchParams.get('vty');
    return {
      kind: 'external',
      role,
      protocol: 'gsup',
      url: `gsup://${url.host}`,
      address: addressOf(url, 4222),
      options: vty ? { vty } : ({} as Record<string, string>),
    };
  },
};

import type { SlotScheme } from './slot-schemes.js';
import { addressOf } from './slot-address.js';

/**
 * `http://host:port` and `https://host:port`: an element that speaks the
 * element's HTTP contract (the OpenAPI documents of `roam contracts export`).
 * Any role. The chaos proxy in front forwards TCP, so `https` works end to
 * end only when the implementation accepts the proxy's address as its name.
 */
export const httpSlotScheme: SlotScheme = {
  schemes: ['http:', 'https:'],
  roles: ['hlr', 'vlr', 'billing'],
  resolve: (url, role) => ({
    kind: 'external',
    role,
    protocol: 'http',
    url: `${url.protocol}//${url.host}${url.pathname.replace(/\/$/, '')}`,
    address: addressOf(url, url.protocol === 'https:' ? 443 : 80),
    options: {},
  }),
};

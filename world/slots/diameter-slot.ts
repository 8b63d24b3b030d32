import type { SlotScheme } from './slot-schemes.js';

/**
 * `diameter://host:port`: an HSS (S6a) or OCS (Gy) over Diameter. Refused
 * until the Diameter peers exist; this module is where they plug in.
 */
export const diameterSlotScheme: SlotScheme = {
  schemes: ['diameter:', 'diameters:'],
  roles: ['hlr', 'billing'],
  refused: 'not supported yet: Diameter (S6a towards an HSS, Gy towards an OCS) has no peer in this version',
  resolve: () => undefined,
};

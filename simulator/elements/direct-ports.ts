import type { ChargingLedger } from '../billing/charging-ledger.js';
import type { HomeLocationRegister } from './home-location-register.js';
import type { ChargingPort, HomeNetworkPort, VisitedNetworkPort } from './ports.js';
import type { VisitorLocationRegister } from './visitor-location-register.js';

/** Waits for a modelled delay before each call; the virtual clock advances instead of sleeping. */
export type Delay = () => Promise<void>;

const noDelay: Delay = async () => {};

/**
 * A VLR's port to an in-memory HLR, for runs without sockets. `delay` models
 * the inter-PLMN link (called once per request).
 */
export function directHomeNetwork(hlr: HomeLocationRegister, options: { vlrNumber?: string; delay?: Delay } = {}): HomeNetworkPort {
  const delay = options.delay ?? noDelay;
  return {
    sendAuthInfo: async (request) => {
      await delay();
      return hlr.sendAuthInfo(request, options.vlrNumber);
    },
    updateLocation: async (request) => {
      await delay();
      return hlr.updateLocation(request);
    },
    purgeMs: async (request) => {
      await delay();
      hlr.purgeMs(request);
    },
  };
}

/** An HLR's port to in-memory VLRs, found by VLR number. */
export function directVisitedNetworks(vlrs: () => Iterable<VisitorLocationRegister>, delay: Delay = noDelay): VisitedNetworkPort {
  return {
    cancelLocation: async ({ vlrNumber, imsi }) => {
      await delay();
      for (const vlr of vlrs()) if (vlr.vlrNumber === vlrNumber) vlr.cancelLocation(imsi);
    },
  };
}

/** A VLR's charging port straight into a ledger. */
export function directCharging(ledger: ChargingLedger, delay: Delay = noDelay): ChargingPort {
  return {
    record: async (event) => {
      await delay();
      ledger.record(event);
    },
  };
}

import type { ChargingLedger } from '../billing/charging-ledger.js';
import type { HomeLocationRegister } from './home-location-register.js';
import type { ServingNetworkPort } from '../signaling/serving-network-port.js';
import type {
  CallRoutingPort,
  ChargingPort,
  HandoverPort,
  HomeNetworkPort,
  SmsCentrePort,
  VisitedNetworkPort,
} from '../signaling/ports.js';
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

/**
 * The subscriber's access to an in-memory VLR, with `delay` modelling the
 * radio and NAS leg before every request.
 */
export function directAccess(vlr: VisitorLocationRegister, delay: Delay = noDelay): ServingNetworkPort {
  const via =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await delay();
      return fn(...args);
    };
  return {
    attachRequest: via((imsi) => vlr.attachRequest(imsi)),
    authenticationResponse: via((id, answer) => vlr.authenticationResponse(id, answer)),
    locationUpdate: via((request) => vlr.locationUpdate(request)),
    detach: via((request) => vlr.detach(request)),
    originateCall: via((request) => vlr.originateCall(request)),
    deliverCall: via((request) => vlr.deliverCall(request)),
    releaseCall: via((callId) => vlr.releaseCall(callId)),
    handover: via((command) => vlr.handover(command)),
    openDataSession: via((request) => vlr.openDataSession(request)),
    reportDataUsage: via((report) => vlr.reportDataUsage(report)),
    closeDataSession: via((report) => vlr.closeDataSession(report)),
    submitShortMessage: via((request) => vlr.submitShortMessage(request)),
    deliverShortMessage: via((request) => vlr.deliverShortMessage(request)),
  };
}

/** A VLR's handover port to another in-memory VLR; `delay` models the handover signalling between them. */
export function directHandover(target: VisitorLocationRegister, delay: Delay = noDelay): HandoverPort {
  return {
    prepareHandover: async (request) => {
      await delay();
      return target.prepareHandover(request);
    },
  };
}

/** Call routing where the other party always answers, after `delay` (call setup). */
export function directCallRouting(delay: Delay = noDelay): CallRoutingPort {
  return { connect: () => delay() };
}

/** An SMS centre that always accepts, after `delay`. */
export function directSmsCentre(delay: Delay = noDelay): SmsCentrePort {
  return { submit: () => delay() };
}

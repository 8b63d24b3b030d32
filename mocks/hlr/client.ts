import type { AuthVector } from '../../simulator/auth/vector.js';
import type {
  HomeNetworkPort,
  PurgeRequest,
  SendAuthInfoRequest,
  SubscriberData,
  UpdateLocationRequest,
} from '../../simulator/signaling/ports.js';
import type { HlrRecordView, ProvisionRequest } from '../../simulator/elements/home-location-register.js';
import { callEndpoint, type ClientOptions } from '../http/client.js';
import { hlrContract as c } from './contract.js';

/**
 * A typed client of the mock HLR's HTTP API; it is the VLR's
 * {@link HomeNetworkPort} in networked worlds.
 */
export class HlrClient implements HomeNetworkPort {
  readonly #options: ClientOptions;
  readonly #vlrNumber: string | undefined;

  /** @param vlrNumber sent with SendAuthInfo so the HLR picks this VLR's IND slot. */
  constructor(options: ClientOptions & { vlrNumber?: string }) {
    this.#options = options;
    this.#vlrNumber = options.vlrNumber;
  }

  async sendAuthInfo(request: SendAuthInfoRequest): Promise<AuthVector[]> {
    const body = { ...request, ...(this.#vlrNumber ? { vlrNumber: this.#vlrNumber } : {}) };
    return (await callEndpoint(this.#options, c.sendAuthInfo, body)).vectors;
  }

  async updateLocation(request: UpdateLocationRequest): Promise<SubscriberData> {
    return (await callEndpoint(this.#options, c.updateLocation, request)).subscriberData;
  }

  async purgeMs(request: PurgeRequest): Promise<void> {
    await callEndpoint(this.#options, c.purgeMs, request);
  }

  /** Admin: provisions a subscriber (K and OPc travel to the HLR, nowhere else). */
  provision(request: ProvisionRequest): Promise<HlrRecordView> {
    return callEndpoint(this.#options, c.provision, request);
  }

  /** Admin: a subscriber's record without secrets. */
  getSubscriber(imsi: string): Promise<HlrRecordView> {
    return callEndpoint(this.#options, c.getSubscriber, undefined, { imsi });
  }
}

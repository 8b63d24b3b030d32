import type { AuthVector } from '../../simulator/auth/vector.js';
import { REJECT_CAUSES, RejectError, type RejectCause } from '../../simulator/causes.js';
import type {
  HomeNetworkPort,
  PurgeRequest,
  SendAuthInfoRequest,
  SubscriberData,
  UpdateLocationRequest,
} from '../../simulator/signaling/ports.js';
import type { GsupClient } from './gsup-client.js';
import { GsupRejectError } from './gsup-errors.js';

/**
 * A VLR's {@link HomeNetworkPort} to a real HLR over GSUP: the same interface
 * the mock HLR's HTTP client implements, so a world can put osmo-hlr behind
 * its VLRs without the procedures noticing. GSUP error causes become our
 * reject causes; timeouts and lost connections stay plain errors (a failed,
 * not a rejected, procedure).
 *
 * @example
 * ```ts
 * const client = await GsupClient.connect({ host: proxy.host, port: proxy.port, name: 'vlr-208-01' });
 * const vlr = new VisitorLocationRegister({ ..., homeNetworks: new Map([['262-01', new GsupHomeNetwork(client)]]) });
 * ```
 */
export class GsupHomeNetwork implements HomeNetworkPort {
  readonly #client: GsupClient;
  readonly #cnDomain: 'cs' | 'ps';

  /** @param cnDomain the domain this VLR speaks for: `cs` (a VLR, the default) or `ps` (an SGSN). */
  constructor(client: GsupClient, options: { cnDomain?: 'cs' | 'ps' } = {}) {
    this.#client = client;
    this.#cnDomain = options.cnDomain ?? 'cs';
  }

  async sendAuthInfo(request: SendAuthInfoRequest): Promise<AuthVector[]> {
    return this.#translated('send auth info', () =>
      this.#client.sendAuthInfo(request.imsi, {
        count: request.count,
        cnDomain: this.#cnDomain,
        ...(request.resync ? { resync: request.resync } : {}),
      }),
    );
  }

  async updateLocation(request: UpdateLocationRequest): Promise<SubscriberData> {
    const data = await this.#translated('update location', () => this.#client.updateLocation(request.imsi, { cnDomain: this.#cnDomain }));
    if (!data.msisdn) throw new RejectError('update location', 'INVALID_MANDATORY_INFO', 'the HLR sent no MSISDN in InsertSubscriberData');
    return {
      msisdn: data.msisdn.startsWith('+') ? data.msisdn : `+${data.msisdn}`,
      services: this.#cnDomain === 'ps' ? ['data'] : ['voice', 'sms'],
    };
  }

  async purgeMs(request: PurgeRequest): Promise<void> {
    await this.#translated('purge MS', () => this.#client.purgeMs(request.imsi, { cnDomain: this.#cnDomain }));
  }

  async #translated<T>(procedure: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof GsupRejectError) {
        throw new RejectError(
          procedure,
          rejectCauseOf(error.cause),
          `the HLR answered GSUP cause 0x${error.cause.toString(16).padStart(2, '0')} ${error.causeName}`,
        );
      }
      throw error;
    }
  }
}

const BY_VALUE = new Map<number, RejectCause>(Object.entries(REJECT_CAUSES).map(([name, value]) => [value, name as RejectCause]));

/** Our reject cause for a GSUP (GMM) cause value; unknown values count as a network failure. */
export function rejectCauseOf(gsupCause: number): RejectCause {
  return BY_VALUE.get(gsupCause) ?? 'NETWORK_FAILURE';
}

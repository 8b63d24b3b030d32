import type { VisitedNetworkPort } from '../../simulator/signaling/ports.js';
import type { VlrClient } from './client.js';

/**
 * How an HLR reaches VLRs by VLR number: the HLR's {@link VisitedNetworkPort}
 * in networked worlds. VLRs are added as the world starts them.
 *
 * @example
 * ```ts
 * const vlrs = new VlrDirectory();
 * const hlr = new HomeLocationRegister({ plmn: '262-01', agreements, visitedNetworks: vlrs });
 * vlrs.add('vlr-208-01', new VlrClient({ baseUrl: vlr208.url }));
 * ```
 */
export class VlrDirectory implements VisitedNetworkPort {
  readonly #byNumber = new Map<string, VlrClient>();

  /** Makes `vlrNumber` reachable through `client`. */
  add(vlrNumber: string, client: VlrClient): void {
    this.#byNumber.set(vlrNumber, client);
  }

  async cancelLocation(request: { vlrNumber: string; imsi: string; reason: 'updateProcedure' | 'subscriptionWithdraw' }): Promise<void> {
    const client = this.#byNumber.get(request.vlrNumber);
    if (!client)
      throw new Error(
        `[roam] Failed to send CancelLocation to VLR ${request.vlrNumber}: no route to it. Add it to the HLR's VLR directory.`,
      );
    await client.cancelLocation(request.imsi, request.reason);
  }
}

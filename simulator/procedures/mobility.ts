import type { DetachAccept, LocationUpdateAccept } from '../signaling/vlr-messages.js';
import type { PlmnId } from '../plmn.js';
import type { ProcedureContext } from './procedure-recorder.js';
import { runExchange, type ProcedureOutcome } from './procedure-outcome.js';
import type { ServingNetworkPort } from '../signaling/serving-network-port.js';

/** What a location update or detach needs: the network serving the phone. */
export interface MobilityContext extends ProcedureContext {
  readonly network: ServingNetworkPort;
  readonly visited: PlmnId;
}

/**
 * A location update in the VLR the phone is registered in: `periodic` when
 * its timer (T3212/T3412) expires, `moving` when it enters another location
 * area (`lac`). Moving to another network is an attach there instead (see
 * {@link runAttach}): the home HLR then cancels the old VLR's record.
 * A `failure` with `IMSI_UNKNOWN_IN_VLR` means the phone must attach again.
 *
 * @example
 * ```ts
 * const outcome = await runLocationUpdate({ ...context, network, visited: '208-01', kind: 'periodic' });
 * ```
 */
export function runLocationUpdate(
  context: MobilityContext & { readonly kind: 'periodic' | 'moving'; readonly lac?: number },
): Promise<ProcedureOutcome<LocationUpdateAccept>> {
  const request = { imsi: context.subscriber.imsi, kind: context.kind, ...(context.lac !== undefined ? { lac: context.lac } : {}) };
  return runExchange(context, 'location_update', context.visited, 'Location Updating Request', () =>
    context.network.locationUpdate(request),
  );
}

/**
 * IMSI detach (the phone switches off): the VLR closes the subscriber's
 * calls and data sessions and purges the record in the home HLR.
 */
export function runDetach(context: MobilityContext): Promise<ProcedureOutcome<DetachAccept>> {
  return runExchange(context, 'detach', context.visited, 'IMSI Detach Indication', () =>
    context.network.detach({ imsi: context.subscriber.imsi }),
  );
}

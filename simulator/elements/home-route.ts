import { RejectError } from '../causes.js';
import type { PlmnId } from '../plmn.js';
import type { HomeNetworkPort } from '../signaling/ports.js';

/**
 * A VLR's route to a home HLR, as the phone experiences it: when the HLR
 * cannot be reached (a partition, a crash, a timeout), the VLR rejects the
 * procedure with `NETWORK_FAILURE` (TS 24.008 cause #17) instead of failing
 * itself, as a real VLR does. Rejects from the HLR pass through unchanged.
 *
 * @internal used by {@link VisitorLocationRegister}.
 */
export function homeRoute(port: HomeNetworkPort, home: PlmnId): HomeNetworkPort {
  const guarded =
    <A, R>(procedure: string, call: (request: A) => Promise<R>) =>
    async (request: A): Promise<R> => {
      try {
        return await call(request);
      } catch (error) {
        if (error instanceof RejectError) throw error;
        // Keep the reason, without identities: element URLs can carry an IMSI.
        const why = (error instanceof Error ? error.message : String(error)).replace(/\b\d{14,15}\b/g, '<imsi>');
        throw new RejectError(procedure, 'NETWORK_FAILURE', `the home HLR of ${home} did not answer (${why.replace(/\.$/, '')})`);
      }
    };
  return {
    sendAuthInfo: guarded('send auth info', (r) => port.sendAuthInfo(r)),
    updateLocation: guarded('update location', (r) => port.updateLocation(r)),
    purgeMs: guarded('purge MS', (r) => port.purgeMs(r)),
  };
}

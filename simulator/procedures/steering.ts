import type { PlmnId } from '../plmn.js';
import { runAttach, type AttachContext, type AttachOutcome } from './attach.js';
import { type AccessPort } from '../signaling/serving-network-port.js';

/** What steering needs: an attach context without a network, and the phone's list of networks to try. */
export interface SteeringContext extends Omit<AttachContext, 'visited' | 'access' | 'correlationId'> {
  /** Networks in the order the phone prefers them (the SIM's operator-controlled PLMN list, then what it can see). */
  readonly preferredNetworks: readonly PlmnId[];
  /** How the phone reaches each network. */
  readonly networks: (plmn: PlmnId) => AccessPort;
  /** Correlation id of the first attempt; the others add `#2`, `#3`, … */
  readonly correlationId: string;
  /** Passes over the list before giving up; 1 when omitted. */
  readonly rounds?: number;
}

/** Where the phone ended up, and every attempt on the way. */
export interface SteeringOutcome {
  /** The network the phone registered in, or null when every attempt was refused. */
  readonly registered: PlmnId | null;
  readonly attempts: readonly AttachOutcome[];
}

/**
 * Network selection with steering of roaming: the phone attaches to the
 * first network in its list; when that network (or the home network
 * through it) rejects the registration, it tries the next one. Bounded by
 * the list's length times `rounds`.
 *
 * @example
 * ```ts
 * const { registered, attempts } = await runAttachWithSteering({ ...context, preferredNetworks: ['208-10', '208-01'], networks });
 * ```
 */
export async function runAttachWithSteering(context: SteeringContext): Promise<SteeringOutcome> {
  const attempts: AttachOutcome[] = [];
  const rounds = Math.max(1, context.rounds ?? 1);
  for (let round = 0; round < rounds; round++) {
    for (const visited of context.preferredNetworks) {
      const n = attempts.length + 1;
      const outcome = await runAttach({
        ...context,
        visited,
        access: context.networks(visited),
        correlationId: n === 1 ? context.correlationId : `${context.correlationId}#${n}`,
      });
      attempts.push(outcome);
      if (outcome.state === 'REGISTERED') return { registered: visited, attempts };
    }
  }
  return { registered: null, attempts };
}

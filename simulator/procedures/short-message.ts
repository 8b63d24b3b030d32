import type { UsageJournal } from '../billing/usage-record.js';
import type { CallDirection } from '../signaling/ports.js';
import type { ShortMessageAccepted } from '../signaling/vlr-messages.js';
import type { MobilityContext } from './mobility.js';
import { runExchange, type ProcedureOutcome } from './procedure-outcome.js';

/**
 * A short message from (MO) or to (MT) the roamer through the visited
 * network. An MO message that the network accepts is billable usage, so it
 * goes to the ground-truth journal.
 *
 * @example
 * ```ts
 * await runShortMessage({ ...context, network, visited: '208-01', direction: 'mo', otherParty: '+4915112345678', journal });
 * ```
 */
export async function runShortMessage(
  context: MobilityContext & {
    readonly direction: CallDirection;
    readonly otherParty: string;
    readonly segments?: number;
    readonly journal?: UsageJournal;
  },
): Promise<ProcedureOutcome<ShortMessageAccepted>> {
  const { subscriber, network } = context;
  const request = {
    imsi: subscriber.imsi,
    otherParty: context.otherParty,
    ...(context.segments !== undefined ? { segments: context.segments } : {}),
  };
  const startedAt = context.clock.now();
  const outcome =
    context.direction === 'mo'
      ? await runExchange(context, 'sms_mo', context.visited, 'CP-DATA (RP-MO-DATA)', () => network.submitShortMessage(request))
      : await runExchange(context, 'sms_mt', context.visited, 'CP-DATA (RP-MT-DATA)', () => network.deliverShortMessage(request));
  if (outcome.reply && context.direction === 'mo') {
    context.journal?.add({
      sessionId: outcome.reply.messageRef,
      imsi: subscriber.imsi,
      homePlmn: subscriber.home.id,
      visitedPlmn: context.visited,
      service: 'sms',
      startedAt,
      messages: context.segments ?? 1,
      correlationId: context.correlationId,
      // The network charges the message while it handles the submission: between sending and the answer.
      window: { start: [startedAt, context.clock.now()], end: [startedAt, context.clock.now()] },
    });
  }
  return outcome;
}

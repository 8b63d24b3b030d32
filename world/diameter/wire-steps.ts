/**
 * The Diameter messages a VLR sends and receives, as the messages of the
 * signalling transaction that sent them: `AIR vlr:208-01 → hlr:262-01`, then
 * `AIA hlr:262-01 → vlr:208-01` with its round trip and, when its result is
 * a failure, the result's name. Each carries the decoded message as a JSON
 * attachment, with IMSIs and MSISDNs as the world's pseudonyms and no key
 * material (see protocols/diameter/describe.ts).
 *
 * @module
 */
import { resultOf } from '../../protocols/diameter/avp-access.js';
import { describeMessage, type IdentityRenderer } from '../../protocols/diameter/describe.js';
import { COMMAND_FLAG, type DiameterMessage } from '../../protocols/diameter/message.js';
import { isSuccess, resultName } from '../../protocols/diameter/result-codes.js';
import type { IdentityHasher } from '../../simulator/identity-hasher.js';
import type { SignalingMessage } from '../../simulator/signaling/signaling-step.js';
import { currentWireMessages, reportWireMessages, type WireMessageLog } from '../../simulator/signaling/wire-messages.js';
import type { DiameterTraffic } from '../../peers/diameter/peer-types.js';

/** Requests waiting for their answer, per client; beyond this the oldest are forgotten (their answers are not shown). */
const WAITING = 1_000;

/** How identities show in the decoded messages: the world's pseudonyms. */
export function pseudonymsOf(hasher: IdentityHasher): IdentityRenderer {
  return (kind, value) => (kind === 'msisdn' ? hasher.msisdn(value) : hasher.subscriber(value));
}

/**
 * The traffic hook of one VLR's client towards one home element: reports
 * each application request it sends, and the answer to it, into the log of
 * the transaction that sent the request.
 *
 * @param link `from` the VLR (`vlr:208-01`), `to` the element (`hlr:262-01`)
 * @example
 * ```ts
 * const client = new DiameterClient({ ..., onTraffic: wireStepsOf({ from: 'vlr:208-01', to: 'hlr:262-01' }, hasher) });
 * ```
 */
export function wireStepsOf(
  link: { readonly from: string; readonly to: string },
  hasher: IdentityHasher,
): (traffic: DiameterTraffic) => void {
  reportWireMessages();
  const identity = pseudonymsOf(hasher);
  const waiting = new Map<string, { readonly log: WireMessageLog; readonly at: number }>();
  return (traffic) => {
    const message = traffic.message;
    // Capabilities exchange and watchdog belong to the connection, not to a subscriber's transaction.
    if (!message || message.applicationId === 0) return;
    const request = (message.flags & COMMAND_FLAG.request) !== 0;
    const key = `${traffic.local.port}:${message.hopByHopId}`;
    if (traffic.direction === 'sent' && request) {
      const log = currentWireMessages();
      if (!log) return;
      log.add(stepOf(message, link.from, link.to, traffic.at, 0, identity));
      waiting.set(key, { log, at: traffic.at });
      if (waiting.size > WAITING) waiting.delete(waiting.keys().next().value!);
      return;
    }
    if (traffic.direction !== 'received' || request) return;
    const sent = waiting.get(key);
    if (!sent) return;
    waiting.delete(key);
    sent.log.add(stepOf(message, link.to, link.from, traffic.at, traffic.at - sent.at, identity));
  };
}

function stepOf(
  message: DiameterMessage,
  from: string,
  to: string,
  at: number,
  durationMs: number,
  identity: IdentityRenderer,
): SignalingMessage {
  const described = describeMessage(message, { identity });
  const failure = (message.flags & COMMAND_FLAG.request) === 0 ? failureOf(message) : undefined;
  return {
    name: described.abbreviation,
    from,
    to,
    startedAt: at,
    durationMs,
    result: failure ? 'error' : 'ok',
    ...(failure ? { detail: failure } : {}),
    attachment: {
      name: `${described.abbreviation} ${described.command} (decoded AVPs)`,
      contentType: 'application/json',
      body: JSON.stringify(described, null, 2),
    },
  };
}

/** The result of an answer when it is not a success; an answer without a result is a failure too. */
function failureOf(answer: DiameterMessage): string | undefined {
  try {
    const result = resultOf(answer.avps, 'the answer');
    return isSuccess(result) ? undefined : resultName(result);
  } catch {
    return 'no Result-Code';
  }
}

import { RoamError } from '../../core/errors.js';
import { recordStep, type SignalingStep } from '../signaling/signaling-step.js';
import type { CallDirection, SmsCentrePort } from '../signaling/ports.js';
import type { VlrContext } from './vlr-context.js';
import type { ShortMessageAccepted, ShortMessageRequest } from '../signaling/vlr-messages.js';

/** The most parts a concatenated SMS may have (TS 23.040: an 8-bit reference and count). */
export const MAX_SMS_SEGMENTS = 255;

/**
 * Short messages through a VLR/MSC: MO messages go to the home SMSC and are
 * charged as one event per message; MT messages are delivered to the roamer
 * and, as in wholesale roaming, not charged.
 */
export class VlrShortMessages {
  readonly #vlr: VlrContext;
  readonly #smsc: SmsCentrePort | undefined;

  constructor(vlr: VlrContext, smsc: SmsCentrePort | undefined) {
    this.#vlr = vlr;
    this.#smsc = smsc;
  }

  async handle(request: ShortMessageRequest, direction: CallDirection): Promise<ShortMessageAccepted> {
    const segments = request.segments ?? 1;
    if (!Number.isInteger(segments) || segments < 1 || segments > MAX_SMS_SEGMENTS) {
      throw new RoamError(
        'ROAM_INVALID_SMS',
        `send a short message of ${segments} segments`,
        `a message has 1 to ${MAX_SMS_SEGMENTS} segments`,
        {
          hint: 'Pass segments as a whole number from 1 to 255, or leave it out for 1',
        },
      );
    }
    const record = this.#vlr.requireRecord(request.imsi, direction === 'mo' ? 'submit short message' : 'deliver short message', 'sms');
    const steps: SignalingStep[] = [];
    const messageRef = this.#vlr.nextId('sms');
    const smsc = this.#smsc;
    if (smsc && direction === 'mo') {
      await recordStep(steps, this.#vlr.clock, { name: 'MO-ForwardSM', from: this.#vlr.name, to: `smsc:${record.homePlmn}` }, () =>
        smsc.submit({ msisdn: record.msisdn, to: request.otherParty, segments }),
      );
    }
    if (direction === 'mo') {
      await this.#vlr.charging.send(
        { kind: 'event', sessionId: messageRef, imsi: record.imsi, service: 'sms', usage: { messages: segments } },
        'ChargingEvent (sms)',
        steps,
        record.homePlmn,
      );
    }
    return { kind: 'sms-accepted', messageRef, direction, steps };
  }
}

/**
 * What an MME answers when the HSS asks (TS 29.272 §5.2.1.2, §5.2.2.1):
 * Cancel-Location drops the subscriber's record (DIAMETER_SUCCESS whether
 * or not it was there), Insert-Subscriber-Data updates it
 * (DIAMETER_ERROR_USER_UNKNOWN when the subscriber is not registered here).
 * Plug it into the MME's client as `onRequest`.
 *
 * @module
 */
import type { AnswerSpec } from '../../../protocols/diameter/application-message.js';
import { S6A_COMMANDS } from '../../../protocols/diameter/dictionary-s6a.js';
import {
  parseCancelLocationRequest,
  parseInsertSubscriberDataRequest,
  type CancellationType,
} from '../../../protocols/diameter/s6a/location-management.js';
import { s6aAnswer } from '../../../protocols/diameter/s6a/s6a-envelope.js';
import { EXPERIMENTAL_RESULT, RESULT_CODE } from '../../../protocols/diameter/result-codes.js';
import { VENDOR_3GPP } from '../../../protocols/diameter/dictionary.js';
import type { DiameterMessage } from '../../../protocols/diameter/message.js';
import type { SubscriberData } from '../../../simulator/signaling/ports.js';
import type { RequestHandler } from '../peer-connection.js';
import { subscriberDataOf } from './s6a-subscription.js';

/** The MME's side of CLR and IDR. */
export interface MmeSubscriberRecords {
  /** Drops the subscriber; returns whether it was registered (a VLR's `cancelLocation`). */
  cancelLocation(imsi: string, type: CancellationType): boolean | Promise<boolean>;
  /** Replaces the subscriber's data; returns false when the subscriber is not registered here. */
  insertSubscriberData?(imsi: string, data: SubscriberData): boolean | Promise<boolean>;
}

/**
 * A request handler answering CLR and IDR for `records`.
 *
 * @example
 * ```ts
 * const client = new DiameterClient({ host, port, identity, onRequest: mmeRequestHandler({ cancelLocation: (imsi) => vlr.cancelLocation(imsi) }) });
 * ```
 */
export function mmeRequestHandler(records: MmeSubscriberRecords): RequestHandler {
  return async (request: DiameterMessage, connection): Promise<AnswerSpec> => {
    const identity = connection.options.identity;
    if (request.commandCode === S6A_COMMANDS.CancelLocation.code) {
      const clr = parseCancelLocationRequest(request);
      await records.cancelLocation(clr.imsi, clr.cancellationType);
      return s6aAnswer(request, identity, { code: RESULT_CODE.DIAMETER_SUCCESS });
    }
    if (request.commandCode === S6A_COMMANDS.InsertSubscriberData.code && records.insertSubscriberData) {
      const idr = parseInsertSubscriberDataRequest(request);
      const known = await records.insertSubscriberData(idr.imsi, subscriberDataOf(idr.subscriptionData));
      return s6aAnswer(
        request,
        identity,
        known ? { code: RESULT_CODE.DIAMETER_SUCCESS } : { code: EXPERIMENTAL_RESULT.DIAMETER_ERROR_USER_UNKNOWN, vendorId: VENDOR_3GPP },
      );
    }
    return { ...s6aAnswer(request, identity, { code: RESULT_CODE.DIAMETER_COMMAND_UNSUPPORTED }), error: true };
  };
}

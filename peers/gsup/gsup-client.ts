/**
 * A VLR/SGSN's side of GSUP: asks a real HLR (osmo-hlr) for authentication
 * vectors, registers and purges subscribers, and answers what the HLR sends
 * on its own (InsertSubscriberData, DeleteSubscriberData, LocationCancel).
 *
 * @module
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { AuthVector } from '../../simulator/auth/index.js';
import { GsupCause } from '../../protocols/gsup/gsup-causes.js';
import {
  subscriberDataOf,
  type GsupClientEvents,
  type GsupClientOptions,
  type SendAuthInfoOptions,
  type SubscriberData,
  type UpdateLocationOptions,
} from './gsup-client-types.js';
import { GsupConnectionError, GsupProtocolError, GsupRejectError, subscriberShown } from './gsup-errors.js';
import { GsupLink, type GsupLinkEnd } from './gsup-link.js';
import { GsupMessageType, gsupMessageFamily, gsupMessageKind, gsupReplyType } from '../../protocols/gsup/gsup-message-types.js';
import { PendingReplies, type PendingHooks, type PendingReply } from './gsup-pending.js';
import { encodeGsup, type GsupAuthTuple, type GsupMessage, type GsupPdpInfo } from '../../protocols/gsup/gsup.js';

/** The GSUP port of osmo-hlr; it has no option to change it. */
export const GSUP_PORT = 4222;

let connections = 0;

/**
 * A GSUP client on one TCP connection, speaking as a VLR/SGSN.
 *
 * @example
 * ```ts
 * await using client = await GsupClient.connect({ host: hlr.address });
 * const [vector] = await client.sendAuthInfo('901700000000001', { count: 1 });
 * const data = await client.updateLocation('901700000000001', { cnDomain: 'cs' });
 * data.msisdn // '4915550000001'
 * ```
 * @see docs/osmo-hlr.md
 */
export class GsupClient extends EventEmitter<GsupClientEvents> {
  /** Our IPA name on this connection. */
  readonly name: string;
  /** `host:port` of the HLR. */
  readonly peer: string;

  readonly #link: GsupLink;
  readonly #pending: PendingReplies;
  readonly #options: GsupClientOptions;
  readonly #requestTimeoutMs: number;
  #end: GsupLinkEnd | undefined;

  private constructor(link: GsupLink, name: string, options: GsupClientOptions) {
    super();
    this.#link = link;
    this.#options = options;
    this.name = name;
    this.peer = link.peer;
    this.#pending = new PendingReplies(link.peer);
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 5000;
    link.onMessage = (message) => this.#onMessage(message);
    link.onEnd = (end) => this.#onEnd(end);
  }

  /**
   * Connects and completes the IPA handshake.
   *
   * @throws {GsupConnectionError} when nothing answers, or the peer never asks who we are.
   * @throws {GsupProtocolError} when the peer answers with something that is not IPA.
   */
  static async connect(options: GsupClientOptions): Promise<GsupClient> {
    const name = options.name ?? `ROAM-${process.pid}-${++connections}-${randomBytes(3).toString('hex')}`;
    const link = await GsupLink.open({
      host: options.host,
      port: options.port ?? GSUP_PORT,
      name,
      unitId: options.unitId ?? '0/0/0',
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    });
    return new GsupClient(link, name, options);
  }

  /** Whether requests can still be sent. */
  get isOpen(): boolean {
    return this.#link.isOpen;
  }

  /**
   * SendAuthInfo: authentication vectors for a subscriber. For a GSM-only
   * (COMP128) subscriber the UMTS fields (xres, ck, ik, autn) are empty strings.
   *
   * @throws {GsupRejectError} e.g. IMSI_UNKNOWN for an unknown subscriber or one without auth data.
   */
  async sendAuthInfo(imsi: string, options: SendAuthInfoOptions = {}): Promise<AuthVector[]> {
    const reply = await this.request(
      {
        type: GsupMessageType.SendAuthInfoRequest,
        imsi,
        ...(options.count !== undefined ? { numVectorsRequested: options.count } : {}),
        ...(options.resync ? { rand: options.resync.rand, auts: options.resync.auts } : {}),
        ...(options.cnDomain ? { cnDomain: options.cnDomain } : {}),
      },
      'get auth vectors (SendAuthInfo)',
    );
    return (reply.authTuples ?? []).map(toAuthVector);
  }

  /**
   * UpdateLocation: registers the subscriber here. The HLR first sends
   * InsertSubscriberData, which is answered (after `onInsertSubscriberData`,
   * if given); the promise resolves with that data when the UpdateLocation
   * result arrives.
   *
   * @throws {GsupRejectError} IMSI_UNKNOWN, GPRS_NOT_ALLOWED (PS barred), PLMN_NOT_ALLOWED (CS barred), NETWORK_FAILURE (ISD refused).
   */
  async updateLocation(imsi: string, options: UpdateLocationOptions = {}): Promise<SubscriberData> {
    let msisdn: string | undefined;
    let cnDomain = options.cnDomain;
    const pdpInfo: GsupPdpInfo[] = [];
    const insertSubscriberData = async (message: GsupMessage): Promise<number | undefined> => {
      const data = subscriberDataOf(message);
      msisdn = data.msisdn ?? msisdn;
      cnDomain = data.cnDomain ?? cnDomain;
      pdpInfo.push(...data.pdpInfo);
      const verdict = await options.onInsertSubscriberData?.(data);
      return verdict ? verdict.reject : undefined;
    };
    await this.#request(
      { type: GsupMessageType.UpdateLocationRequest, imsi, ...(options.cnDomain ? { cnDomain: options.cnDomain } : {}) },
      'update location (UpdateLocation)',
      { insertSubscriberData },
    );
    return { imsi, pdpInfo, ...(msisdn !== undefined ? { msisdn } : {}), ...(cnDomain ? { cnDomain } : {}) };
  }

  /**
   * PurgeMS: tells the HLR the subscriber's record here is gone.
   *
   * @throws {GsupRejectError} IMSI_UNKNOWN for an unknown subscriber.
   */
  async purgeMs(imsi: string, options: { readonly cnDomain?: 'ps' | 'cs' } = {}): Promise<void> {
    await this.request(
      { type: GsupMessageType.PurgeMsRequest, imsi, ...(options.cnDomain ? { cnDomain: options.cnDomain } : {}) },
      'purge MS (PurgeMS)',
    );
  }

  /**
   * CheckIMEI: whether the HLR accepts a handset.
   *
   * @throws {GsupRejectError} INVALID_MANDATORY_INFO for an unknown IMSI (osmo-hlr).
   */
  async checkImei(imsi: string, imei: string): Promise<'ack' | 'nack'> {
    const reply = await this.request({ type: GsupMessageType.CheckImeiRequest, imsi, imei }, 'check IMEI (CheckIMEI)');
    return reply.imeiResult ?? 'ack';
  }

  /**
   * Sends any request and waits for the matching result (same IMSI and
   * family, oldest first). An error reply rejects with {@link GsupRejectError}.
   *
   * @param operation what the request does, for error messages, e.g. "purge MS (PurgeMS)".
   * @throws {GsupTimeoutError} after `requestTimeoutMs`; {@link GsupConnectionError} or {@link GsupProtocolError} when the connection ends first.
   */
  request(message: GsupMessage, operation: string): Promise<GsupMessage> {
    return this.#request(message, operation, {});
  }

  /** Closes the connection; pending requests fail with a `closed-by-client` {@link GsupConnectionError}. */
  async close(): Promise<void> {
    await this.#link.close();
  }

  /** Same as {@link GsupClient.close}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #request(message: GsupMessage, operation: string, hooks: PendingHooks): Promise<GsupMessage> {
    // Errors name the subscriber by its keyed pseudonym, never by the IMSI.
    const shown = subscriberShown(message.imsi, this.#options.hasher);
    const failedTo = `${operation} for subscriber ${shown}`;
    if (!this.#link.isOpen) return Promise.reject(this.#endError(failedTo));
    let bytes: Buffer;
    try {
      bytes = encodeGsup(message);
    } catch (error) {
      return Promise.reject(error);
    }
    const family = gsupMessageFamily(message.type);
    const reply = this.#pending.wait(message.imsi, family, failedTo, this.#requestTimeoutMs, hooks);
    this.#link.sendEncoded(bytes);
    return reply.then((answer) => {
      if (gsupMessageKind(answer.type) === 'error') throw new GsupRejectError(operation, shown, answer.type, answer.cause, this.peer);
      return answer;
    });
  }

  #onMessage(message: GsupMessage): void {
    const kind = gsupMessageKind(message.type);
    if (kind === 'request') {
      void this.#answer(message);
      return;
    }
    if (kind === 'other') return;
    const entry = this.#pending.take(message.imsi, gsupMessageFamily(message.type));
    if (!entry) this.emit('unmatched', message);
    else if (!entry.abandoned) entry.resolve(message);
  }

  // Requests from the HLR. Each is answered even if our side fails, so the HLR never waits on us.
  async #answer(request: GsupMessage): Promise<void> {
    let refusal: number | undefined;
    try {
      refusal = await this.#handleRequest(request);
    } catch {
      refusal = GsupCause.NETWORK_FAILURE;
    }
    const kind = refusal === undefined ? 'result' : 'error';
    this.#link.send({
      type: gsupReplyType(request.type, kind),
      imsi: request.imsi,
      ...(refusal !== undefined ? { cause: refusal } : {}),
      // Through a GSUP proxy the reply must travel back the way the request came.
      ...(request.sourceName !== undefined ? { destinationName: request.sourceName } : {}),
      ...(request.destinationName !== undefined ? { sourceName: request.destinationName } : {}),
    });
  }

  async #handleRequest(request: GsupMessage): Promise<number | undefined> {
    switch (request.type) {
      case GsupMessageType.InsertSubscriberDataRequest: {
        const updateLocation = this.#pending.peek(request.imsi, GsupMessageType.UpdateLocationRequest);
        const hook = updateLocation?.hooks.insertSubscriberData;
        if (hook) return hook(request);
        this.emit('insertSubscriberData', subscriberDataOf(request));
        return undefined;
      }
      case GsupMessageType.DeleteSubscriberDataRequest:
        this.emit('deleteSubscriberData', { imsi: request.imsi, pdpContextIds: request.pdpContextIds ?? [], message: request });
        return undefined;
      case GsupMessageType.LocationCancelRequest: {
        const notice = { imsi: request.imsi, message: request, ...(request.cancelType ? { cancelType: request.cancelType } : {}) };
        await this.#options.onLocationCancel?.(notice);
        this.emit('locationCancel', notice);
        return undefined;
      }
      default:
        return GsupCause.MESSAGE_TYPE_NOT_IMPLEMENTED;
    }
  }

  #onEnd(end: GsupLinkEnd): void {
    this.#end = end;
    this.#pending.failAll((entry: PendingReply) => this.#endError(entry.failedTo));
    this.emit('close', end.reason === 'closed-by-client' ? undefined : this.#endError(`keep the GSUP connection to ${this.peer}`));
  }

  #endError(failedTo: string): Error {
    const end = this.#end ?? { reason: 'closed-by-client', detail: 'the client was closed' };
    if (end.reason === 'protocol') return new GsupProtocolError(failedTo, this.peer, end.error);
    return new GsupConnectionError(failedTo, end.reason, end.detail);
  }
}

function toAuthVector(tuple: GsupAuthTuple): AuthVector {
  return {
    rand: tuple.rand,
    xres: tuple.res ?? '',
    ck: tuple.ck ?? '',
    ik: tuple.ik ?? '',
    autn: tuple.autn ?? '',
    sres: tuple.sres ?? '',
    kc: tuple.kc ?? '',
  };
}

/**
 * One Diameter connection over TCP, in either role (RFC 6733 §5): the
 * initiator sends CER and waits for CEA, the responder waits for CER and
 * answers; then both send requests matched to answers by Hop-by-Hop
 * Identifier with a Tx timeout each, answer DWR and probe with their own
 * watchdog, and close cleanly with DPR/DPA. Every message sent or received
 * goes to `onTraffic`, for report steps and pcaps.
 *
 * @module
 */
import type { Socket } from 'node:net';
import type { AnswerSpec, RequestSpec } from '../../protocols/diameter/application-message.js';
import { protocolErrorAnswer } from '../../protocols/diameter/application-message.js';
import { resultOf } from '../../protocols/diameter/avp-access.js';
import { decodeMessage } from '../../protocols/diameter/decode.js';
import { DIAMETER_DICTIONARY } from '../../protocols/diameter/default-dictionary.js';
import { BASE_COMMANDS } from '../../protocols/diameter/dictionary-base.js';
import { encodeMessage } from '../../protocols/diameter/encode.js';
import { DiameterDecodeError, DiameterEncodeError } from '../../protocols/diameter/errors.js';
import { DiameterFrameReader } from '../../protocols/diameter/frame-reader.js';
import { isRequest, type DiameterHeader, type DiameterMessage, type OutgoingMessage } from '../../protocols/diameter/message.js';
import type { Endpoint } from '../../protocols/diameter/pcap-writer.js';
import { isSuccess } from '../../protocols/diameter/result-codes.js';
import * as base from './base-messages.js';
import { PROCESS_STATE_ID, capabilitiesExchangeRequest, parseCapabilities, type PeerCapabilities } from './capabilities.js';
import { answerCapabilities } from './capabilities-answer.js';
import { dispatchRequest } from './request-dispatch.js';
import { DiameterCapabilitiesError, DiameterConnectionError, DiameterTimeoutError } from './peer-errors.js';
import { PendingRequests } from './pending-requests.js';
import type { PeerConnectionOptions, PeerState } from './peer-types.js';
import { PeerWatchdog, type WatchdogState } from './watchdog.js';

export type { DiameterTraffic, PeerConnectionOptions, PeerState, RequestHandler } from './peer-types.js';

/** A Diameter connection. Create it with {@link DiameterPeerConnection.initiate} or {@link DiameterPeerConnection.accept}. */
export class DiameterPeerConnection {
  readonly options: PeerConnectionOptions;
  /** Resolves with the peer's capabilities once open; rejects when the exchange fails. */
  readonly opened: Promise<PeerCapabilities>;
  /** Resolves with the reason once the socket is closed. */
  readonly closed: Promise<string>;
  readonly #socket: Socket;
  readonly #role: 'initiator' | 'responder';
  readonly #reader: DiameterFrameReader;
  readonly #pending = new PendingRequests();
  readonly #watchdog: PeerWatchdog;
  readonly #local: Endpoint;
  readonly #remote: Endpoint;
  #state: PeerState = 'opening';
  #peer: PeerCapabilities | undefined;
  #nextHopByHop = Math.floor(Math.random() * 0xffff_ffff) >>> 0;
  #closeReason = 'closed';
  #settleOpen!: { resolve: (peer: PeerCapabilities) => void; reject: (error: unknown) => void };

  private constructor(socket: Socket, role: 'initiator' | 'responder', options: PeerConnectionOptions) {
    this.#socket = socket;
    this.#role = role;
    this.options = options;
    this.#reader = new DiameterFrameReader(options.maxMessageBytes === undefined ? {} : { maxMessageBytes: options.maxMessageBytes });
    this.#local = { address: socket.localAddress ?? '127.0.0.1', port: socket.localPort ?? 0 };
    this.#remote = { address: socket.remoteAddress ?? '127.0.0.1', port: socket.remotePort ?? 0 };
    this.opened = new Promise((resolve, reject) => (this.#settleOpen = { resolve, reject }));
    this.opened.catch(() => undefined);
    this.#watchdog = new PeerWatchdog(options.watchdogMs ?? 30_000, {
      probe: () => void this.request(base.deviceWatchdogRequest(options.identity, this.originStateId)).catch(() => undefined),
      changed: (state) => state === 'down' && this.destroy('watchdog: the peer did not answer DWR'),
    });
    this.closed = new Promise((resolve) => socket.once('close', () => resolve(this.#onClose())));
    socket.setNoDelay(true);
    socket.on('error', (error: NodeJS.ErrnoException) => (this.#closeReason = error.code ?? error.message));
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
  }

  /** Opens a connection on a connected socket as the initiator: CER, then CEA. */
  static async initiate(socket: Socket, options: PeerConnectionOptions): Promise<DiameterPeerConnection> {
    const connection = new DiameterPeerConnection(socket, 'initiator', options);
    try {
      const cea = await connection.#send(capabilitiesExchangeRequest(options.identity, connection.#local.address), {
        timeoutMs: options.capabilitiesTimeoutMs ?? 5_000,
      });
      const result = resultOf(cea.avps, 'Capabilities-Exchange-Answer');
      const peer = parseCapabilities(cea);
      if (!isSuccess(result)) throw new DiameterCapabilitiesError(peer.originHost, 'the peer refused us', result);
      connection.#open(peer);
    } catch (error) {
      connection.#settleOpen.reject(error);
      connection.destroy('capabilities exchange failed');
      throw error;
    }
    return connection;
  }

  /** Serves an accepted socket as the responder; {@link opened} settles after its CER. */
  static accept(socket: Socket, options: PeerConnectionOptions): DiameterPeerConnection {
    const connection = new DiameterPeerConnection(socket, 'responder', options);
    const timer = setTimeout(() => connection.destroy('no CER in time'), options.capabilitiesTimeoutMs ?? 5_000);
    timer.unref();
    connection.opened.then(
      () => clearTimeout(timer),
      () => clearTimeout(timer),
    );
    return connection;
  }

  get state(): PeerState {
    return this.#state;
  }

  /** What the peer said about itself, once open. */
  get peer(): PeerCapabilities | undefined {
    return this.#peer;
  }

  get watchdogState(): WatchdogState {
    return this.#watchdog.state;
  }

  get local(): Endpoint {
    return this.#local;
  }

  get remote(): Endpoint {
    return this.#remote;
  }

  /** The Origin-State-Id this side sends. */
  get originStateId(): number {
    return this.options.identity.originStateId ?? PROCESS_STATE_ID;
  }

  /**
   * Sends a request and resolves with its answer (whatever its result).
   *
   * @param options `timeoutMs` (Tx), `endToEndId` to keep on a retransmission.
   * @throws {DiameterTimeoutError} when no answer comes in time; {@link DiameterConnectionError} when not open or lost.
   */
  request(spec: RequestSpec, options: { timeoutMs?: number; endToEndId?: number } = {}): Promise<DiameterMessage> {
    if (this.#state !== 'open')
      return Promise.reject(
        new DiameterConnectionError(`send ${nameOf(spec)}`, this.#state === 'opening' ? 'not open yet' : this.#closeReason),
      );
    return this.#send(spec, options);
  }

  /** Closes cleanly: DPR, the peer's DPA, then the socket. Resolves once closed. */
  async disconnect(cause: base.DisconnectCause = 'REBOOTING', timeoutMs = 2_000): Promise<void> {
    if (this.#state === 'open') {
      this.#state = 'closing';
      await this.#send(base.disconnectPeerRequest(this.options.identity, cause), { timeoutMs }).catch(() => undefined);
      this.#socket.end();
      this.#closeReason = 'disconnected (DPR/DPA)';
    }
    const grace = setTimeout(() => this.#socket.destroy(), this.options.disconnectGraceMs ?? 2_000);
    grace.unref();
    await this.closed;
    clearTimeout(grace);
  }

  /** Drops the connection at once (no DPR). */
  destroy(reason: string): void {
    this.#closeReason = reason;
    this.#socket.destroy();
  }

  /** Writes an answer to `request`. */
  answer(request: DiameterHeader, spec: AnswerSpec): void {
    this.#write(base.answerMessage(request, spec.avps, spec.error ?? false));
  }

  #send(spec: RequestSpec, options: { timeoutMs?: number; endToEndId?: number }): Promise<DiameterMessage> {
    const hopByHopId = this.#nextHopByHop;
    this.#nextHopByHop = (this.#nextHopByHop + 1) >>> 0;
    const message: OutgoingMessage = { ...spec, hopByHopId, endToEndId: options.endToEndId ?? base.nextEndToEndId() };
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs ?? 5_000;
    const peer = this.#peer?.originHost ?? `${this.#remote.address}:${this.#remote.port}`;
    const answer = this.#pending.wait(hopByHopId, timeoutMs, () => new DiameterTimeoutError(nameOf(spec), peer, timeoutMs));
    try {
      this.#write(message);
    } catch (error) {
      this.#pending.fail(hopByHopId, error);
    }
    return answer;
  }

  #write(message: OutgoingMessage): void {
    if (this.#socket.destroyed || !this.#socket.writable) throw new DiameterConnectionError(`send ${nameOf(message)}`, this.#closeReason);
    const bytes = encodeMessage(message);
    this.#socket.write(bytes);
    this.#record('sent', bytes, undefined);
  }

  #record(direction: 'sent' | 'received', bytes: Buffer, message: DiameterMessage | undefined): void {
    const hook = this.options.onTraffic;
    if (!hook) return;
    try {
      hook({ direction, at: Date.now(), local: this.#local, remote: this.#remote, bytes, message: message ?? tryDecode(bytes) });
    } catch {
      // A recorder's failure must not break the connection.
    }
  }

  #onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.#reader.push(chunk);
    } catch (error) {
      this.#record('received', chunk, undefined);
      this.destroy(error instanceof Error ? error.message : String(error));
      return;
    }
    for (const frame of frames) {
      this.#watchdog.received();
      let message: DiameterMessage;
      try {
        message = decodeMessage(frame);
      } catch (error) {
        this.#record('received', frame, undefined);
        this.#undecodable(frame, error);
        continue;
      }
      this.#record('received', frame, message);
      if (isRequest(message))
        this.#onRequest(message).catch((error: unknown) => this.destroy(`failed to answer a request: ${String(error)}`));
      else this.#onAnswer(message);
    }
    if (this.#reader.failure) this.destroy(this.#reader.failure.message);
  }

  #onAnswer(message: DiameterMessage): void {
    // A late answer after its timeout finds nobody waiting and is dropped, as RFC 6733 §6.2 says.
    this.#pending.answer(message);
  }

  async #onRequest(request: DiameterMessage): Promise<void> {
    if (this.#state === 'opening') {
      if (this.#role === 'initiator') return;
      if (request.commandCode !== BASE_COMMANDS.CapabilitiesExchange.code) return this.destroy('the first message was not a CER');
      const outcome = answerCapabilities(request, this.options, this.#local.address);
      this.#safeAnswer(request, outcome.answer);
      if (outcome.peer) this.#open(outcome.peer);
      else {
        this.#settleOpen.reject(outcome.error);
        this.#socket.end();
      }
      return;
    }
    const answer = await dispatchRequest(request, this);
    this.#safeAnswer(request, answer);
    if (request.commandCode === BASE_COMMANDS.DisconnectPeer.code && request.applicationId === 0) {
      // The sender of the DPR closes the transport on our DPA; reset if it never does.
      this.#state = 'closing';
      this.#closeReason = 'the peer disconnected (DPR/DPA)';
      setTimeout(() => this.#socket.destroy(), this.options.disconnectGraceMs ?? 2_000).unref();
    }
  }

  #safeAnswer(request: DiameterHeader, answer: AnswerSpec): void {
    try {
      this.answer(request, answer);
    } catch (error) {
      // An answer the handler built wrong still gets an answer; a connection that went away gets none.
      if (!(error instanceof DiameterEncodeError)) return;
      const whole = 'avps' in request ? (request as DiameterMessage) : { ...request, length: 0, avps: [] };
      const fallback = protocolErrorAnswer(whole, this.options.identity, 5012, error.message);
      try {
        this.answer(request, fallback);
      } catch {
        // Gone as well: the peer will time out.
      }
    }
  }

  #undecodable(frame: Buffer, error: unknown): void {
    const header = base.rawHeader(frame);
    if (!header) return;
    if (header.flags & 0x80) {
      const code = error instanceof DiameterDecodeError ? error.resultCode : 5012;
      this.#safeAnswer(
        header,
        protocolErrorAnswer(
          { ...header, length: frame.length, avps: [] },
          this.options.identity,
          code,
          error instanceof Error ? error.message : undefined,
        ),
      );
      return;
    }
    this.#pending.fail(header.hopByHopId, error);
  }

  #open(peer: PeerCapabilities): void {
    this.#peer = peer;
    this.#state = 'open';
    this.#watchdog.start();
    this.#settleOpen.resolve(peer);
  }

  #onClose(): string {
    this.#state = 'closed';
    this.#watchdog.stop();
    const error = new DiameterConnectionError(`get an answer from ${this.#peer?.originHost ?? 'the peer'}`, this.#closeReason);
    this.#pending.failAll(error);
    this.#settleOpen.reject(error);
    return this.#closeReason;
  }
}

function nameOf(header: { readonly commandCode: number; readonly applicationId: number }): string {
  const command = DIAMETER_DICTIONARY.command(header.commandCode, header.applicationId);
  return command ? command.abbreviation : `command ${header.commandCode}`;
}

function tryDecode(bytes: Buffer): DiameterMessage | undefined {
  try {
    return decodeMessage(bytes);
  } catch {
    return undefined;
  }
}

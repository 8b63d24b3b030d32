/**
 * The shapes a Diameter connection is configured with and reports through:
 * its options, its states, the request handler and the traffic hook.
 *
 * @module
 */
import type { AnswerSpec } from '../../protocols/diameter/application-message.js';
import type { DiameterMessage } from '../../protocols/diameter/message.js';
import type { Endpoint } from '../../protocols/diameter/pcap-writer.js';
import type { PeerCapabilities, PeerIdentity } from './capabilities.js';
import type { DiameterPeerConnection } from './peer-connection.js';

/** One message on the wire, as `onTraffic` sees it. */
export interface DiameterTraffic {
  readonly direction: 'sent' | 'received';
  /** ms since the epoch. */
  readonly at: number;
  readonly local: Endpoint;
  readonly remote: Endpoint;
  readonly bytes: Buffer;
  /** Undefined when the bytes did not decode. */
  readonly message: DiameterMessage | undefined;
}

/** Answers an application request; throw a DiameterDecodeError to answer with its result code. */
export type RequestHandler = (request: DiameterMessage, connection: DiameterPeerConnection) => AnswerSpec | Promise<AnswerSpec>;

/** How a connection behaves. */
export interface PeerConnectionOptions {
  readonly identity: PeerIdentity;
  /** Tw of the watchdog (default 30 s). */
  readonly watchdogMs?: number;
  /** Tx: how long a request waits for its answer (default 5 s). */
  readonly requestTimeoutMs?: number;
  /** How long the capabilities exchange may take (default 5 s). */
  readonly capabilitiesTimeoutMs?: number;
  /** Longer messages close the connection (default 64 KiB). */
  readonly maxMessageBytes?: number;
  readonly onRequest?: RequestHandler;
  readonly onTraffic?: (traffic: DiameterTraffic) => void;
  /** Responder: whether to accept a peer after its CER (DIAMETER_UNKNOWN_PEER when not). */
  readonly acceptPeer?: (peer: PeerCapabilities) => boolean;
  /** How long to wait for the peer to close after DPR/DPA before resetting (default 2 s). */
  readonly disconnectGraceMs?: number;
}

/** Connection states. */
export type PeerState = 'opening' | 'open' | 'closing' | 'closed';

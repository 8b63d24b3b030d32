import type {
  CallConnected,
  CallReleased,
  CallRequest,
  DataSessionOpened,
  DataSessionRequest,
  DataSessionUsage,
  DataUsageReport,
  DetachAccept,
  DetachRequest,
  HandoverCommand,
  HandoverComplete,
  LocationUpdateAccept,
  LocationUpdateRequest,
  ShortMessageAccepted,
  ShortMessageRequest,
  AttachAccept,
  AuthenticationChallenge,
  ChallengeResponse,
} from './vlr-messages.js';

/**
 * The subscriber's access to a visited VLR (the radio and NAS layer). The
 * VLR object itself is one (virtual clock); an HTTP client of the mock VLR
 * through a chaos proxy is another (networked).
 */
export interface AccessPort {
  attachRequest(imsi: string): Promise<AuthenticationChallenge>;
  authenticationResponse(transactionId: string, answer: ChallengeResponse): Promise<AttachAccept | AuthenticationChallenge>;
}

/**
 * Everything a subscriber (and the network on its behalf, for calls and
 * messages to it) asks of the visited network serving it. A
 * {@link VisitorLocationRegister} is one (virtual clock); an HTTP client of
 * the mock VLR through a chaos proxy is another (networked). Procedures use
 * only this, so they run the same on both.
 */
export interface ServingNetworkPort extends AccessPort {
  locationUpdate(request: LocationUpdateRequest): Promise<LocationUpdateAccept>;
  detach(request: DetachRequest): Promise<DetachAccept>;
  originateCall(request: CallRequest): Promise<CallConnected>;
  deliverCall(request: CallRequest): Promise<CallConnected>;
  releaseCall(callId: string): Promise<CallReleased>;
  handover(command: HandoverCommand): Promise<HandoverComplete>;
  openDataSession(request: DataSessionRequest): Promise<DataSessionOpened>;
  reportDataUsage(report: DataUsageReport): Promise<DataSessionUsage>;
  closeDataSession(report: DataUsageReport): Promise<DataSessionUsage>;
  submitShortMessage(request: ShortMessageRequest): Promise<ShortMessageAccepted>;
  deliverShortMessage(request: ShortMessageRequest): Promise<ShortMessageAccepted>;
}

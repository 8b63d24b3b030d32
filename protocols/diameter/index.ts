/**
 * The Diameter codec (RFC 6733) with the dictionary of the base protocol,
 * credit control (RFC 4006) and Gy (TS 32.299), and S6a (TS 29.272): header
 * and AVPs with vendor ids, grouped AVPs, typed values, result codes, a
 * frame reader for TCP streams, typed S6a and Gy messages, descriptions for
 * reports and a pcap writer for Wireshark. Diameter over SCTP is out of
 * scope: the harness speaks Diameter over TCP only.
 *
 * @example
 * ```ts
 * import { encodeMessage, decodeMessage, avp, BASE } from 'roaming-harness/protocols/diameter';
 * ```
 *
 * @packageDocumentation
 */

// Errors: a decode error carries the byte offset, the AVP and the result code to answer with.
export { DECODE_RESULT, DiameterDecodeError, DiameterEncodeError } from './errors.js';

// The dictionary: base protocol, credit control and Gy, S6a.
export type { AvpLeafValue, AvpType } from './avp-types.js';
export { type AvpDefinition, type CommandDefinition, defineAvp, defineCommand, DiameterDictionary, VENDOR_3GPP } from './dictionary.js';
export {
  APPLICATION,
  APPLICATION_NAMES,
  AUTH_SESSION_STATE,
  BASE,
  BASE_COMMANDS,
  DISCONNECT_CAUSE,
  TERMINATION_CAUSE,
} from './dictionary-base.js';
export {
  CC_FAILURE_HANDLING,
  CC_REQUEST_TYPE,
  CREDIT_CONTROL,
  CREDIT_CONTROL_COMMANDS,
  FINAL_UNIT_ACTION,
  GY_3GPP,
  MULTIPLE_SERVICES_INDICATOR,
  REQUESTED_ACTION,
  SUBSCRIPTION_ID_TYPE,
} from './dictionary-credit-control.js';
export {
  CANCELLATION_TYPE,
  NETWORK_ACCESS_MODE,
  PDN_TYPE,
  PUA_FLAGS,
  RAT_TYPE,
  S6A,
  S6A_COMMANDS,
  SUBSCRIBER_STATUS,
  TELESERVICE,
  ULA_FLAGS,
  ULR_FLAGS,
} from './dictionary-s6a.js';
export { DIAMETER_DICTIONARY } from './default-dictionary.js';

// Result codes.
export {
  type DiameterResult,
  EXPERIMENTAL_RESULT,
  isSuccess,
  RESULT_CODE,
  resultClass,
  type ResultClass,
  resultName,
} from './result-codes.js';

// Messages and AVPs: build, encode, decode, read.
export {
  type AnyAvpInput,
  avp,
  AVP_FLAG,
  type AvpInput,
  COMMAND_FLAG,
  DecodedAvp,
  DIAMETER_VERSION,
  type DiameterHeader,
  type DiameterMessage,
  HEADER_LENGTH,
  isRequest,
  type OutgoingMessage,
  type RawAvpInput,
} from './message.js';
export { encodeAvps, encodeMessage } from './encode.js';
export { decodeMessage, decodeAvpList } from './decode.js';
export {
  bigNumberOf,
  bytesOf,
  childrenOf,
  findAvp,
  findAvps,
  numberOf,
  readAvp,
  requireAvp,
  requireNumber,
  requireText,
  resultOf,
  textOf,
} from './avp-access.js';

// A TCP stream in, messages out; reports and Wireshark out.
export { DEFAULT_MAX_MESSAGE_BYTES, DiameterFrameReader } from './frame-reader.js';
export { type DescribedAvp, type DescribedMessage, describeMessage, type IdentityRenderer } from './describe.js';
export { decodePlmnId, decodeTbcd, encodePlmnId, encodeTbcd } from './tbcd.js';
export { type Endpoint, LINKTYPE_RAW, PcapWriter } from './pcap-writer.js';

// Requests and answers of an application: routing, results, errors.
export {
  type AnswerOrigin,
  type AnswerSpec,
  errorMessageAvps,
  errorMessageOf,
  originOf,
  protocolErrorAnswer,
  type RequestRouting,
  type RequestSpec,
  resultAvps,
  routingAvps,
  sessionIdOf,
} from './application-message.js';

// S6a (3GPP TS 29.272): authentication, location management, subscription data.
export { imsiOf, s6aAnswer, s6aApplicationAvp, s6aRequest, s6aResultOf } from './s6a/s6a-envelope.js';
export {
  authenticationInfoAvp,
  type AuthenticationInformationAnswer,
  type AuthenticationInformationRequest,
  buildAuthenticationInformationRequest,
  type EutranVector,
  parseAuthenticationInformationAnswer,
  parseAuthenticationInformationRequest,
  type UtranVector,
} from './s6a/authentication-information.js';
export { type ApnConfiguration, parseSubscriptionData, type SubscriptionData, subscriptionDataAvp } from './s6a/subscription-data.js';
export {
  buildCancelLocationRequest,
  buildInsertSubscriberDataRequest,
  buildPurgeUeRequest,
  buildUpdateLocationRequest,
  type CancellationType,
  parseCancelLocationRequest,
  parseInsertSubscriberDataRequest,
  parsePurgeUeRequest,
  parseS6aAnswerResult,
  parseUpdateLocationAnswer,
  parseUpdateLocationRequest,
  type RatType,
  type UpdateLocationAnswer,
  type UpdateLocationRequest,
} from './s6a/location-management.js';

// Gy (RFC 4006, 3GPP TS 32.299): credit control.
export {
  buildCreditControlAnswer,
  buildCreditControlRequest,
  type CcRequestType,
  type CreditControlAnswer,
  type CreditControlRequest,
  parseCreditControlAnswer,
  parseCreditControlRequest,
  type ServiceCreditAnswer,
  type ServiceUnits,
} from './gy/credit-control.js';

/**
 * The credit-control AVPs and command (RFC 4006 §8) and the 3GPP charging
 * AVPs of Gy/Ro (TS 32.299 §7) that the harness's online charging uses.
 *
 * @module
 */
import { APPLICATION } from './dictionary-base.js';
import { VENDOR_3GPP, defineAvp, defineCommand } from './dictionary.js';

/** CC-Request-Type values (RFC 4006 §8.3). */
export const CC_REQUEST_TYPE = { INITIAL_REQUEST: 1, UPDATE_REQUEST: 2, TERMINATION_REQUEST: 3, EVENT_REQUEST: 4 } as const;

/** Subscription-Id-Type values (RFC 4006 §8.47). */
export const SUBSCRIPTION_ID_TYPE = {
  END_USER_E164: 0,
  END_USER_IMSI: 1,
  END_USER_SIP_URI: 2,
  END_USER_NAI: 3,
  END_USER_PRIVATE: 4,
} as const;

/** Requested-Action values (RFC 4006 §8.41), for event requests. */
export const REQUESTED_ACTION = { DIRECT_DEBITING: 0, REFUND_ACCOUNT: 1, CHECK_BALANCE: 2, PRICE_ENQUIRY: 3 } as const;

/** Credit-Control-Failure-Handling values (RFC 4006 §8.14): what a client does when no server answers. */
export const CC_FAILURE_HANDLING = { TERMINATE: 0, CONTINUE: 1, RETRY_AND_TERMINATE: 2 } as const;

/** Multiple-Services-Indicator values (RFC 4006 §8.40). */
export const MULTIPLE_SERVICES_INDICATOR = { MULTIPLE_SERVICES_NOT_SUPPORTED: 0, MULTIPLE_SERVICES_SUPPORTED: 1 } as const;

/** Final-Unit-Action values (RFC 4006 §8.35). */
export const FINAL_UNIT_ACTION = { TERMINATE: 0, REDIRECT: 1, RESTRICT_ACCESS: 2 } as const;

const invert = (values: Record<string, number>): Record<number, string> =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [value, name]));

/** Credit-control AVPs (RFC 4006, IETF, vendor 0). */
export const CREDIT_CONTROL = {
  CcInputOctets: defineAvp('CC-Input-Octets', 412, 'Unsigned64'),
  CcOutputOctets: defineAvp('CC-Output-Octets', 414, 'Unsigned64'),
  CcRequestNumber: defineAvp('CC-Request-Number', 415, 'Unsigned32'),
  CcRequestType: defineAvp('CC-Request-Type', 416, 'Enumerated', { values: invert(CC_REQUEST_TYPE) }),
  CcServiceSpecificUnits: defineAvp('CC-Service-Specific-Units', 417, 'Unsigned64'),
  CcTime: defineAvp('CC-Time', 420, 'Unsigned32'),
  CcTotalOctets: defineAvp('CC-Total-Octets', 421, 'Unsigned64'),
  CreditControlFailureHandling: defineAvp('Credit-Control-Failure-Handling', 427, 'Enumerated', { values: invert(CC_FAILURE_HANDLING) }),
  FinalUnitIndication: defineAvp('Final-Unit-Indication', 430, 'Grouped'),
  GrantedServiceUnit: defineAvp('Granted-Service-Unit', 431, 'Grouped'),
  RatingGroup: defineAvp('Rating-Group', 432, 'Unsigned32'),
  RequestedAction: defineAvp('Requested-Action', 436, 'Enumerated', { values: invert(REQUESTED_ACTION) }),
  RequestedServiceUnit: defineAvp('Requested-Service-Unit', 437, 'Grouped'),
  ServiceIdentifier: defineAvp('Service-Identifier', 439, 'Unsigned32'),
  SubscriptionId: defineAvp('Subscription-Id', 443, 'Grouped'),
  SubscriptionIdData: defineAvp('Subscription-Id-Data', 444, 'UTF8String', { identity: 'subscription' }),
  UsedServiceUnit: defineAvp('Used-Service-Unit', 446, 'Grouped'),
  ValidityTime: defineAvp('Validity-Time', 448, 'Unsigned32'),
  FinalUnitAction: defineAvp('Final-Unit-Action', 449, 'Enumerated', { values: invert(FINAL_UNIT_ACTION) }),
  SubscriptionIdType: defineAvp('Subscription-Id-Type', 450, 'Enumerated', { values: invert(SUBSCRIPTION_ID_TYPE) }),
  MultipleServicesIndicator: defineAvp('Multiple-Services-Indicator', 455, 'Enumerated', { values: invert(MULTIPLE_SERVICES_INDICATOR) }),
  MultipleServicesCreditControl: defineAvp('Multiple-Services-Credit-Control', 456, 'Grouped'),
  ServiceContextId: defineAvp('Service-Context-Id', 461, 'UTF8String'),
} as const;

/** 3GPP charging AVPs of Gy (TS 32.299; the SGSN MCC-MNC is defined in TS 29.061). */
export const GY_3GPP = {
  SgsnMccMnc: defineAvp('3GPP-SGSN-MCC-MNC', 18, 'UTF8String', { vendorId: VENDOR_3GPP }),
  ServiceInformation: defineAvp('Service-Information', 873, 'Grouped', { vendorId: VENDOR_3GPP }),
  PsInformation: defineAvp('PS-Information', 874, 'Grouped', { vendorId: VENDOR_3GPP }),
} as const;

/** The Credit-Control command (RFC 4006 §3), application 4. */
export const CREDIT_CONTROL_COMMANDS = {
  CreditControl: defineCommand('Credit-Control', 272, APPLICATION.creditControl, 'CCR'),
} as const;

/**
 * How the harness's charging events travel on Gy (TS 32.299): the service
 * as a Service-Context-Id (PS data 32251, voice call service 32276, SMS
 * 32274; registration, which 3GPP does not charge online, as an operator
 * extension of the PS context) and a rating group; the event kind as the
 * CC-Request-Type; usage as service units (seconds rounded up to whole
 * CC-Time seconds, as the rating charges every second started).
 *
 * @module
 */
import type { CcRequestType, ServiceUnits } from '../../../protocols/diameter/gy/credit-control.js';
import type { ChargingEvent } from '../../../simulator/signaling/ports.js';
import type { PlmnId } from '../../../simulator/plmn.js';

/** A charged service. */
export type ChargedService = ChargingEvent['service'];

/** Service-Context-Id of each service. */
export const SERVICE_CONTEXT_IDS: Readonly<Record<ChargedService, string>> = {
  data: '32251@3gpp.org',
  voice: '32276@3gpp.org',
  sms: '32274@3gpp.org',
  registration: 'registration.32251@3gpp.org',
};

/** Rating-Group of each service unless configured otherwise. */
export const DEFAULT_RATING_GROUPS: Readonly<Record<ChargedService, number>> = { voice: 100, sms: 200, data: 300, registration: 400 };

/** What a client asks for at INITIAL and UPDATE unless configured otherwise (an OCS decides what it grants). */
export const DEFAULT_REQUESTED_UNITS: Readonly<Partial<Record<ChargedService, ServiceUnits>>> = {
  voice: { time: 600 },
  data: { totalOctets: 10_000_000 },
};

const REQUEST_TYPES: Readonly<Record<ChargingEvent['kind'], CcRequestType>> = {
  start: 'initial',
  interim: 'update',
  stop: 'termination',
  event: 'event',
};

/** The CC-Request-Type of an event kind. */
export function requestTypeOf(kind: ChargingEvent['kind']): CcRequestType {
  return REQUEST_TYPES[kind];
}

/** The event kind of a CC-Request-Type. */
export function kindOf(type: CcRequestType): ChargingEvent['kind'] {
  return (Object.keys(REQUEST_TYPES) as ChargingEvent['kind'][]).find((kind) => REQUEST_TYPES[kind] === type)!;
}

/** The service of a Service-Context-Id, or undefined for one this harness does not charge. */
export function serviceOf(
  contextId: string,
  contexts: Readonly<Record<ChargedService, string>> = SERVICE_CONTEXT_IDS,
): ChargedService | undefined {
  return (Object.keys(contexts) as ChargedService[]).find((service) => contexts[service] === contextId);
}

/** Usage as service units; undefined when there is none. */
export function unitsOf(usage: ChargingEvent['usage']): ServiceUnits | undefined {
  if (!usage) return undefined;
  return {
    // Rating charges every second started: whole seconds up lose nothing it would charge.
    ...(usage.seconds === undefined ? {} : { time: Math.ceil(Math.round(usage.seconds * 1e6) / 1e6) }),
    ...(usage.bytes === undefined ? {} : { totalOctets: usage.bytes }),
    ...(usage.messages === undefined ? {} : { serviceSpecificUnits: usage.messages }),
  };
}

/** Usage from service units; undefined when there are none. */
export function usageOf(units: ServiceUnits | undefined): ChargingEvent['usage'] {
  if (!units) return undefined;
  return {
    ...(units.time === undefined ? {} : { seconds: units.time }),
    ...(units.totalOctets === undefined ? {} : { bytes: units.totalOctets }),
    ...(units.serviceSpecificUnits === undefined ? {} : { messages: units.serviceSpecificUnits }),
  };
}

/** `20801` (3GPP-SGSN-MCC-MNC) from `208-01`. */
export function mccMncOf(plmn: PlmnId): string {
  return plmn.replace('-', '');
}

/** `208-01` from `20801`, or undefined when it is not 5 or 6 digits. */
export function plmnOfMccMnc(digits: string): PlmnId | undefined {
  return /^\d{5,6}$/.test(digits) ? (`${digits.slice(0, 3)}-${digits.slice(3)}` as PlmnId) : undefined;
}

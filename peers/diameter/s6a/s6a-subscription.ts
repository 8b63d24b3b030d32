/**
 * The subscriber data of the domain (MSISDN and the services a roamer may
 * use) as S6a Subscription-Data, and back: voice and SMS as teleservices
 * (telephony, short messages), data as an APN configuration profile, and
 * the network access mode that follows from them.
 *
 * @module
 */
import type { ApnConfiguration, SubscriptionData } from '../../../protocols/diameter/s6a/subscription-data.js';
import type { SubscriberData } from '../../../simulator/signaling/ports.js';

/** The APN a data subscription gets when the HSS is not told otherwise: `internet`, best effort. */
export const DEFAULT_APN: ApnConfiguration = { apn: 'internet', qci: 9, priorityLevel: 8 };

/** The aggregate bit rates a data subscription gets when not told otherwise: 50 Mbit/s up, 150 down. */
export const DEFAULT_AMBR = { uplink: 50_000_000, downlink: 150_000_000 } as const;

/** Subscription-Data for the domain's subscriber data. */
export function subscriptionDataOf(
  data: SubscriberData,
  options: { apn?: ApnConfiguration; ambr?: { uplink: number; downlink: number } } = {},
): SubscriptionData {
  const circuit = data.services.includes('voice') || data.services.includes('sms');
  const packet = data.services.includes('data');
  return {
    msisdn: data.msisdn.replace(/^\+/, ''),
    teleservices: [
      ...(data.services.includes('voice') ? (['telephony'] as const) : []),
      ...(data.services.includes('sms') ? (['sms'] as const) : []),
    ],
    networkAccessMode: circuit ? 'packet-and-circuit' : 'only-packet',
    ...(packet ? { apn: options.apn ?? DEFAULT_APN, ambr: options.ambr ?? DEFAULT_AMBR } : {}),
  };
}

/** The domain's subscriber data from Subscription-Data. */
export function subscriberDataOf(data: SubscriptionData): SubscriberData {
  const services: ('voice' | 'sms' | 'data')[] = [];
  if (data.teleservices.includes('telephony')) services.push('voice');
  if (data.teleservices.includes('sms')) services.push('sms');
  if (data.apn) services.push('data');
  return { msisdn: `+${data.msisdn}`, services };
}

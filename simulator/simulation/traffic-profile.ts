import { RoamError } from '../../core/errors.js';

/**
 * How much a roamer does in a day. Rates are per subscriber per day, drawn
 * as Poisson processes; durations and volumes are exponential around their
 * means; location updates are periodic.
 */
export interface TrafficProfile {
  /** Calls the roamer makes. */
  readonly callsPerDay: number;
  /** Calls the roamer receives. */
  readonly incomingCallsPerDay: number;
  readonly meanCallSeconds: number;
  /** Chance that a call is handed over to another network while it lasts. */
  readonly handoffProbability: number;
  readonly dataSessionsPerDay: number;
  readonly meanDataSessionMinutes: number;
  readonly meanDataSessionMegabytes: number;
  /** Interim usage reports of a data session, every this many minutes. */
  readonly interimReportMinutes: number;
  readonly smsPerDay: number;
  readonly incomingSmsPerDay: number;
  /** Changes of network while idle (e.g. crossing a border), as an attach in the new network. */
  readonly networkChangesPerDay: number;
  /** The periodic location update timer (T3212/T3412), in minutes. */
  readonly periodicUpdateMinutes: number;
  /** Phones attach at a uniformly random time in this first part of the day, in minutes. */
  readonly attachWindowMinutes: number;
}

/**
 * A realistic roamer's day, from public usage figures: about four calls of
 * two minutes (one received), eight data sessions of about 15 MB, three
 * SMS, one-hour periodic location updates, a network change every few days,
 * and a handoff in one call out of twenty.
 */
export const REALISTIC_TRAFFIC: TrafficProfile = Object.freeze({
  callsPerDay: 3,
  incomingCallsPerDay: 1,
  meanCallSeconds: 120,
  handoffProbability: 0.05,
  dataSessionsPerDay: 8,
  meanDataSessionMinutes: 20,
  meanDataSessionMegabytes: 15,
  interimReportMinutes: 15,
  smsPerDay: 2,
  incomingSmsPerDay: 1,
  networkChangesPerDay: 0.3,
  periodicUpdateMinutes: 60,
  attachWindowMinutes: 60,
});

/**
 * Merges overrides into {@link REALISTIC_TRAFFIC}, validating each number.
 *
 * @throws {RoamError} `ROAM_INVALID_TRAFFIC` naming the field and what a valid value is.
 */
export function trafficProfile(overrides: Partial<TrafficProfile> = {}): TrafficProfile {
  const profile = { ...REALISTIC_TRAFFIC, ...overrides };
  for (const [field, value] of Object.entries(profile)) {
    const positive = field === 'periodicUpdateMinutes' || field === 'interimReportMinutes' || field.startsWith('mean');
    const bad =
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < 0 ||
      (positive && value === 0) ||
      (field === 'handoffProbability' && value > 1);
    if (bad) {
      const expected =
        field === 'handoffProbability' ? 'a probability from 0 to 1' : positive ? 'a number above 0' : 'a number of at least 0';
      throw new RoamError('ROAM_INVALID_TRAFFIC', `accept traffic ${field} = ${JSON.stringify(value)}`, `it is not ${expected}`, {
        hint: `Give ${field} as ${expected}, e.g. ${REALISTIC_TRAFFIC[field as keyof TrafficProfile]}`,
      });
    }
  }
  return profile;
}

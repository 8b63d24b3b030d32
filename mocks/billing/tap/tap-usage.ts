import type { BilledRecord } from '../../../simulator/billing/usage-collector.js';
import type { UsageRecord } from '../../../simulator/billing/usage-record.js';
import type { PlmnId } from '../../../simulator/plmn.js';
import type { DecodedTapFile } from '../../../protocols/tap3/tap3-decode.js';
import type { TapCallEvent } from '../../../protocols/tap3/tap3-model.js';
import { plmnOfTadig } from './tadig.js';

/** A billed record read from a TAP file, and where it sits in it. */
export interface TapRecord {
  readonly file: string;
  /** 1-based position among the file's call events. */
  readonly index: number;
  readonly billed: BilledRecord;
}

/**
 * The call events of a decoded transfer batch as billed records, for
 * reconciliation. TAP carries times to the second and charged durations in
 * whole seconds, so each record gets the span those could stand for (its
 * `window`): reconciliation compares spans, not rounded points. The tariff
 * name is not in TAP (left empty: the charge is checked against the
 * agreement's tariff instead). A record names its session when the file's
 * operator information has `roam:session=`; otherwise `<file>#<n>`, and it
 * pairs with ground truth by content alone.
 *
 * @param networks PLMNs of the sender and recipient when their TADIG codes are not well known.
 */
export function tapRecords(
  file: DecodedTapFile,
  name: string,
  networks: { readonly tadig?: Readonly<Record<string, string>>; readonly home?: PlmnId; readonly visited?: PlmnId } = {},
): TapRecord[] {
  if (file.kind !== 'transferBatch') return [];
  const home = plmnOfTadig(file.recipient, networks.tadig) ?? networks.home ?? (file.recipient as PlmnId);
  const visited = plmnOfTadig(file.sender, networks.tadig) ?? networks.visited ?? (file.sender as PlmnId);
  return file.callEvents.map((event, i) => {
    const recordId = `${name}#${i + 1}`;
    const session = event.operatorSpecInformation.find((n) => n.startsWith('roam:session='))?.slice('roam:session='.length);
    const usage = usageOf(event, { sessionId: session ?? recordId, home, visited });
    return {
      file: name,
      index: i + 1,
      billed: {
        ...usage,
        tariff: '',
        currency: file.accounting.localCurrency,
        chargedUnits: event.chargedUnits ?? event.chargeableUnits ?? 0,
        unit: usage.service === 'voice' ? 'second' : usage.service === 'data' ? 'kB' : 'message',
        amount: event.charge,
        recordId,
      },
    };
  });
}

function usageOf(event: TapCallEvent, ids: { sessionId: string; home: PlmnId; visited: PlmnId }): UsageRecord {
  const base = { sessionId: ids.sessionId, imsi: event.imsi, homePlmn: ids.home, visitedPlmn: ids.visited, startedAt: event.startTime };
  // The stamp is to the second: the usage began somewhere in that second.
  const start: [number, number] = [event.startTime, event.startTime + 999];
  if (event.kind === 'gprs') {
    return {
      ...base,
      service: 'data',
      bytes: (event.dataVolumeIncoming ?? 0) + (event.dataVolumeOutgoing ?? 0),
      window: { start, end: start },
    };
  }
  if (event.teleServiceCode === '22' || event.teleServiceCode === '21') {
    return { ...base, service: 'sms', messages: event.chargedUnits ?? event.chargeableUnits ?? 1, window: { start, end: start } };
  }
  // A whole-second duration d stands for anything above d - 1 up to d.
  const d = event.duration;
  return {
    ...base,
    service: 'voice',
    seconds: d,
    direction: event.kind === 'mtc' ? 'mt' : 'mo',
    window: { start, end: [event.startTime + d * 1000 - 1, event.startTime + d * 1000] },
  };
}

import type { BilledRecord } from '../../../simulator/billing/usage-collector.js';
import type { PlmnId } from '../../../simulator/plmn.js';
import type { TapCallEvent, TapFile } from '../../../protocols/tap3/tap3-model.js';
import { tadigOf } from './tadig.js';

/** A TAP file billing wrote, with what went into it. */
export interface WrittenTapFile {
  /** TD.57 file name: `CD` (commercial) or `TD` (test data), sender, recipient, sequence number. */
  readonly name: string;
  readonly kind: TapFile['kind'];
  readonly visited: PlmnId;
  readonly home: PlmnId;
  readonly fileSequenceNumber: number;
  readonly bytes: Uint8Array;
  /** The billed records it carries, in call event order. */
  readonly records: readonly BilledRecord[];
}

/** What a TAP writer is told: the pair, the period, and how to name networks. */
export interface TapWriteOptions {
  readonly home: PlmnId;
  readonly visited: readonly PlmnId[];
  /** When the files are created (and the period cut off), ms since the epoch. */
  readonly createdAt: number;
  /** TADIG codes beyond the well-known ones, by PLMN. */
  readonly tadig?: Readonly<Record<string, string>>;
  /** Mark the files as test data (`T`, as TD.41 testing uses); default true. */
  readonly testData?: boolean;
}

/** Amounts in the files carry six decimal places, the precision of the harness's rating. */
const DECIMAL_PLACES = 6;
/** Recording entity codes: the VLR/MSC for calls and SMS, the SGSN for data. */
const MSC = { code: 1, type: 1 } as const;
const SGSN = { code: 2, type: 4 } as const;

/**
 * TAP file sequence numbers, per sender and recipient: each pair counts its
 * own files from 1, as TD.57 asks. One outbox per billing system.
 */
export class TapOutbox {
  readonly #next = new Map<string, number>();

  /** The next sequence number of `sender -> recipient` (1 to 99999, then 1 again). */
  take(sender: string, recipient: string): number {
    const key = `${sender}>${recipient}`;
    const n = this.#next.get(key) ?? 1;
    this.#next.set(key, n >= 99_999 ? 1 : n + 1);
    return n;
  }
}

/**
 * Writes a TAP 3.12 file for each visited -> home pair: a transfer batch of
 * the pair's billed records (voice as MO calls, SMS as MO teleservice 22,
 * data as GPRS, each carrying `roam:session=` and `roam:record=` in its
 * operator information), with audit totals summed from them; or a
 * notification when the pair has nothing in the period.
 *
 * @example
 * ```ts
 * const files = await writeTapFiles(sim.billedRecords(), { home: '262-01', visited: ['208-01', '214-01'], createdAt: Date.now() }, outbox);
 * for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
 * ```
 */
export async function writeTapFiles(
  records: readonly BilledRecord[],
  options: TapWriteOptions,
  outbox: TapOutbox,
): Promise<WrittenTapFile[]> {
  const { encodeTapFile } = await import('../../../protocols/tap3/tap3-encode.js');
  const recipient = tadigOf(options.home, options.tadig);
  const testData = options.testData ?? true;
  const files: WrittenTapFile[] = [];
  for (const visited of options.visited) {
    const sender = tadigOf(visited, options.tadig);
    const mine = records.filter((r) => r.visitedPlmn === visited && r.homePlmn === options.home).sort((a, b) => a.startedAt - b.startedAt);
    const fileSequenceNumber = outbox.take(sender, recipient);
    const header = {
      sender,
      recipient,
      fileSequenceNumber,
      fileCreationTime: options.createdAt,
      fileAvailableTime: options.createdAt,
      transferCutOffTime: options.createdAt,
      specificationVersion: 3,
      releaseVersion: 12,
      ...(testData ? { fileTypeIndicator: 'T' } : {}),
    };
    const file: TapFile =
      mine.length === 0
        ? { kind: 'notification', ...header }
        : {
            kind: 'transferBatch',
            ...header,
            accounting: { localCurrency: mine[0]!.currency, tapCurrency: mine[0]!.currency, tapDecimalPlaces: DECIMAL_PLACES },
            recordingEntities: [
              { ...MSC, id: `vlr-${visited}` },
              { ...SGSN, id: `sgsn-${visited}` },
            ],
            callEvents: mine.map(callEventOf),
            audit: {
              earliestCallTime: mine[0]!.startedAt,
              latestCallTime: mine[mine.length - 1]!.startedAt,
              totalCharge: Math.round(mine.reduce((sum, r) => sum + r.amount, 0) * 10 ** DECIMAL_PLACES) / 10 ** DECIMAL_PLACES,
              totalTaxValue: 0,
              totalDiscountValue: 0,
              callEventDetailsCount: mine.length,
            },
          };
    const name = `${testData ? 'TD' : 'CD'}${sender}${recipient}${String(fileSequenceNumber).padStart(5, '0')}`;
    files.push({ name, kind: file.kind, visited, home: options.home, fileSequenceNumber, bytes: await encodeTapFile(file), records: mine });
  }
  return files;
}

function callEventOf(record: BilledRecord): TapCallEvent {
  const notes = [`roam:session=${record.sessionId}`, `roam:record=${record.recordId}`];
  const charge = {
    charge: record.amount,
    chargeableUnits: record.chargedUnits,
    chargedUnits: record.chargedUnits,
    operatorSpecInformation: notes,
  };
  switch (record.service) {
    case 'voice':
      // The duration charged: whole seconds started, as rating counts them. A call the roamer received is an MTC.
      return {
        kind: record.direction === 'mt' ? 'mtc' : 'moc',
        imsi: record.imsi,
        startTime: record.startedAt,
        duration: record.chargedUnits,
        teleServiceCode: '11',
        recEntityCode: MSC.code,
        chargedItem: 'D',
        ...charge,
      };
    case 'sms':
      return {
        kind: 'moc',
        imsi: record.imsi,
        startTime: record.startedAt,
        duration: 0,
        teleServiceCode: '22',
        recEntityCode: MSC.code,
        chargedItem: 'E',
        ...charge,
      };
    case 'data':
      return {
        kind: 'gprs',
        imsi: record.imsi,
        startTime: record.startedAt,
        // A data CDR keeps its volume, not its length.
        duration: 0,
        chargingId: chargingIdOf(record.sessionId),
        accessPointName: 'internet',
        dataVolumeIncoming: record.bytes ?? 0,
        dataVolumeOutgoing: 0,
        recEntityCode: SGSN.code,
        chargedItem: 'V',
        ...charge,
      };
  }
}

/** A 32-bit charging id derived from the session id (FNV-1a), stable from run to run. */
function chargingIdOf(sessionId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < sessionId.length; i++) hash = Math.imul(hash ^ sessionId.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

import { decodeBer, integerReader, isConstructed, type BerConstructed, type BerNode, type BerPrimitive } from './ber-tree.js';
import type { TapAudit, TapCallEvent, TapDecodeNotes, TapFile, TapHeader } from './tap3-model.js';
import { TapDecodeError } from './tap3-errors.js';
import { nameOfTag, TAP_FIELDS } from './tap3-tags.js';
import { asciiOf, digitsOf, epochOf, unscaledAmount } from './tap3-values.js';

/** A decoded TAP file and what the decoder passed over. */
export type DecodedTapFile = TapFile & { readonly notes: TapDecodeNotes };

/** A constructed node's children by TD.57 name; those the table does not know are noted and left out. */
class Group {
  readonly #children = new Map<string, BerNode[]>();
  readonly path: string;

  constructor(node: BerNode, path: string, unknown: string[]) {
    this.path = path;
    if (!isConstructed(node)) throw new TapDecodeError(path, `${path} is primitive where TD.57 has a group`);
    for (const child of node.children) {
      const name = child.tagClass === 'application' ? nameOfTag(child.tag) : `[${child.tagClass.toUpperCase()} ${child.tag}]`;
      if (!TAP_FIELDS[name]) unknown.push(`${path}/${name}`);
      else this.#children.set(name, [...(this.#children.get(name) ?? []), child]);
    }
  }

  all(name: string): BerNode[] {
    return this.#children.get(name) ?? [];
  }

  get(name: string): BerNode | undefined {
    return this.#children.get(name)?.[0];
  }

  need(name: string): BerNode {
    const found = this.get(name);
    if (!found) throw new TapDecodeError(this.path, `${this.path} has no ${name}, which TD.57 requires`);
    return found;
  }
}

/**
 * Decodes a TAP 3 file (BER) into its batch control, accounting, network,
 * call events and audit totals, or a notification. Tolerant as a receiving
 * operator must be: fields this codec does not know (other call event
 * kinds, extensions, later releases' additions) are skipped and listed in
 * `notes.unknownFields`, so files from other systems decode.
 *
 * @throws {TapDecodeError} for bytes that are not BER, a first element that is neither TransferBatch [APPLICATION 1] nor Notification [APPLICATION 2], or a required field missing.
 * @example
 * ```ts
 * const file = await decodeTapFile(await readFile('CDFRAF1DEUD100001'), 'CDFRAF1DEUD100001');
 * if (file.kind === 'transferBatch') file.callEvents.length === file.audit.callEventDetailsCount;
 * ```
 */
export async function decodeTapFile(bytes: Uint8Array, what = 'the file'): Promise<DecodedTapFile> {
  const root = await decodeBer(bytes, what);
  const readInteger = await integerReader();
  const unknown: string[] = [];
  const r = new Reader(readInteger, unknown, what);
  if (root.tagClass !== 'application' || (root.tag !== 1 && root.tag !== 2)) {
    throw new TapDecodeError(
      what,
      `it starts with ${root.tagClass} tag ${root.tag}, not TransferBatch [APPLICATION 1] or Notification [APPLICATION 2]`,
    );
  }
  if (root.tag === 2) {
    return { kind: 'notification', ...r.header(new Group(root, 'Notification', unknown)), notes: { unknownFields: unknown } };
  }
  const batch = new Group(root, 'TransferBatch', unknown);
  const header = r.header(new Group(batch.need('BatchControlInfo'), 'BatchControlInfo', unknown));
  const accounting = new Group(batch.need('AccountingInfo'), 'AccountingInfo', unknown);
  const places = r.int(accounting.need('TapDecimalPlaces'));
  const network = new Group(batch.need('NetworkInfo'), 'NetworkInfo', unknown);
  const offsets = r.utcOffsets(network);
  const events = r.list(batch.get('CallEventDetailList'), 'CallEventDetailList');
  const callEvents = events.flatMap((node, i) => r.callEvent(node, `CallEventDetailList[${i}]`, places, offsets) ?? []);
  return {
    kind: 'transferBatch',
    ...header,
    accounting: {
      localCurrency: r.text(accounting.need('LocalCurrency')),
      ...(accounting.get('TapCurrency') ? { tapCurrency: r.text(accounting.get('TapCurrency')!) } : {}),
      tapDecimalPlaces: places,
    },
    recordingEntities: r.list(network.get('RecEntityInfoList'), 'RecEntityInfoList').map((node, i) => {
      const g = new Group(node, `RecEntityInfoList[${i}]`, unknown);
      return {
        code: r.int(g.need('RecEntityCode')),
        type: r.int(g.need('RecEntityType')),
        id: g.get('RecEntityId') ? r.text(g.get('RecEntityId')!) : '',
      };
    }),
    callEvents,
    audit: r.audit(new Group(batch.need('AuditControlInfo'), 'AuditControlInfo', unknown), places),
    notes: { unknownFields: unknown },
  };
}

class Reader {
  constructor(
    readonly readInteger: (node: BerPrimitive) => bigint,
    readonly unknown: string[],
    readonly what: string,
  ) {}

  int(node: BerNode): number {
    return Number(this.big(node));
  }

  big(node: BerNode): bigint {
    if (isConstructed(node)) throw new TapDecodeError(this.what, `${nameOfTag(node.tag)} is constructed where TD.57 has an INTEGER`);
    return this.readInteger(node);
  }

  text(node: BerNode): string {
    if (isConstructed(node)) throw new TapDecodeError(this.what, `${nameOfTag(node.tag)} is constructed where TD.57 has a string`);
    return asciiOf(node.bytes ?? new Uint8Array());
  }

  list(node: BerNode | undefined, path: string): readonly BerNode[] {
    if (!node) return [];
    if (!isConstructed(node)) throw new TapDecodeError(this.what, `${path} is primitive where TD.57 has a list`);
    return (node as BerConstructed).children;
  }

  header(g: Group): TapHeader {
    const long = (name: string) => {
      const t = new Group(g.need(name), name, this.unknown);
      return epochOf(this.text(t.need('LocalTimeStamp')), this.text(t.need('UtcTimeOffset')), `${this.what} ${name}`);
    };
    return {
      sender: this.text(g.need('Sender')),
      recipient: this.text(g.need('Recipient')),
      fileSequenceNumber: Number(this.text(g.need('FileSequenceNumber'))),
      fileCreationTime: g.get('FileCreationTimeStamp') ? long('FileCreationTimeStamp') : long('FileAvailableTimeStamp'),
      fileAvailableTime: long('FileAvailableTimeStamp'),
      transferCutOffTime: long('TransferCutOffTimeStamp'),
      specificationVersion: this.int(g.need('SpecificationVersionNumber')),
      releaseVersion: this.int(g.need('ReleaseVersionNumber')),
      ...(g.get('FileTypeIndicator') ? { fileTypeIndicator: this.text(g.get('FileTypeIndicator')!) } : {}),
    };
  }

  utcOffsets(network: Group): Map<number, string> {
    const offsets = new Map<number, string>();
    for (const [i, node] of this.list(network.get('UtcTimeOffsetInfoList'), 'UtcTimeOffsetInfoList').entries()) {
      const g = new Group(node, `UtcTimeOffsetInfoList[${i}]`, this.unknown);
      offsets.set(this.int(g.need('UtcTimeOffsetCode')), this.text(g.need('UtcTimeOffset')));
    }
    return offsets;
  }

  dateTime(node: BerNode, path: string, offsets: ReadonlyMap<number, string>): number {
    const g = new Group(node, path, this.unknown);
    const code = this.int(g.need('UtcTimeOffsetCode'));
    const offset = offsets.get(code);
    if (offset === undefined)
      throw new TapDecodeError(this.what, `${path} refers to UTC offset code ${code}, which NetworkInfo does not define`);
    return epochOf(this.text(g.need('LocalTimeStamp')), offset, `${this.what} ${path}`);
  }

  /** One call event, or undefined (noted as unknown) for a kind this codec does not read. */
  callEvent(node: BerNode, path: string, places: number, offsets: ReadonlyMap<number, string>): TapCallEvent | undefined {
    const kind = node.tagClass === 'application' && node.tag === 9 ? 'moc' : node.tag === 10 ? 'mtc' : node.tag === 14 ? 'gprs' : undefined;
    if (!kind || node.tagClass !== 'application') {
      this.unknown.push(`${path}/${nameOfTag(node.tag)}`);
      return undefined;
    }
    const event = new Group(node, `${path}/${nameOfTag(node.tag)}`, this.unknown);
    const notes = this.list(event.get('OperatorSpecInfoList'), 'OperatorSpecInfoList').map((n) => this.text(n));
    if (kind === 'gprs') {
      const basic = new Group(event.need('GprsBasicCallInformation'), `${path}/GprsBasicCallInformation`, this.unknown);
      const chargeable = new Group(basic.need('GprsChargeableSubscriber'), `${path}/GprsChargeableSubscriber`, this.unknown);
      const used = new Group(event.need('GprsServiceUsed'), `${path}/GprsServiceUsed`, this.unknown);
      const location = event.get('GprsLocationInformation');
      const recEntity = location ? this.gprsRecEntity(location, path) : undefined;
      const destination = basic.get('GprsDestination');
      const apn = destination ? new Group(destination, `${path}/GprsDestination`, this.unknown).get('AccessPointNameNI') : undefined;
      return {
        kind,
        ...this.subscriber(chargeable.need('ChargeableSubscriber'), path),
        startTime: this.dateTime(basic.need('CallEventStartTimeStamp'), `${path}/CallEventStartTimeStamp`, offsets),
        duration: this.int(basic.need('TotalCallEventDuration')),
        ...(basic.get('ChargingId') ? { chargingId: this.int(basic.get('ChargingId')!) } : {}),
        ...(apn ? { accessPointName: this.text(apn) } : {}),
        dataVolumeIncoming: used.get('DataVolumeIncoming') ? this.int(used.get('DataVolumeIncoming')!) : 0,
        dataVolumeOutgoing: used.get('DataVolumeOutgoing') ? this.int(used.get('DataVolumeOutgoing')!) : 0,
        ...(recEntity !== undefined ? { recEntityCode: recEntity } : {}),
        ...this.charges(used.all('ChargeInformationList'), path, places),
        operatorSpecInformation: notes,
      };
    }
    const basic = new Group(
      event.need(kind === 'moc' ? 'MoBasicCallInformation' : 'MtBasicCallInformation'),
      `${path}/BasicCallInformation`,
      this.unknown,
    );
    const services = this.list(event.get('BasicServiceUsedList'), 'BasicServiceUsedList').map(
      (n, i) => new Group(n, `${path}/BasicServiceUsed[${i}]`, this.unknown),
    );
    const location = event.get('LocationInformation');
    const network = location ? new Group(location, `${path}/LocationInformation`, this.unknown).get('NetworkLocation') : undefined;
    const recEntity = network ? new Group(network, `${path}/NetworkLocation`, this.unknown).get('RecEntityCode') : undefined;
    return {
      kind,
      ...this.subscriber(basic.need('ChargeableSubscriber'), path),
      startTime: this.dateTime(basic.need('CallEventStartTimeStamp'), `${path}/CallEventStartTimeStamp`, offsets),
      duration: this.int(basic.need('TotalCallEventDuration')),
      ...(services[0] ? { teleServiceCode: this.teleService(services[0], path) } : {}),
      ...(recEntity ? { recEntityCode: this.int(recEntity) } : {}),
      ...this.charges(
        services.flatMap((s) => s.all('ChargeInformationList')),
        path,
        places,
      ),
      operatorSpecInformation: notes,
    };
  }

  subscriber(node: BerNode, path: string): { imsi: string; msisdn?: string } {
    const choice = new Group(node, `${path}/ChargeableSubscriber`, this.unknown);
    const sim = choice.get('SimChargeableSubscriber');
    if (!sim) throw new TapDecodeError(this.what, `${path} charges no SIM subscriber (only SimChargeableSubscriber is read)`);
    const g = new Group(sim, `${path}/SimChargeableSubscriber`, this.unknown);
    const msisdn = g.get('Msisdn');
    return { imsi: digitsOf(primitiveBytes(g.need('Imsi'))), ...(msisdn ? { msisdn: digitsOf(primitiveBytes(msisdn)) } : {}) };
  }

  teleService(used: Group, path: string): string | undefined {
    const service = used.get('BasicService');
    const code = service ? new Group(service, `${path}/BasicService`, this.unknown).get('BasicServiceCode') : undefined;
    const tele = code ? new Group(code, `${path}/BasicServiceCode`, this.unknown).get('TeleServiceCode') : undefined;
    return tele ? this.text(tele) : undefined;
  }

  gprsRecEntity(location: BerNode, path: string): number | undefined {
    const network = new Group(location, `${path}/GprsLocationInformation`, this.unknown).get('GprsNetworkLocation');
    const list = network ? new Group(network, `${path}/GprsNetworkLocation`, this.unknown).get('RecEntityCodeList') : undefined;
    const first = this.list(list, 'RecEntityCodeList')[0];
    return first ? this.int(first) : undefined;
  }

  /** The charges of a call event: every ChargeDetail summed, with the first one's item and units. */
  charges(
    lists: readonly BerNode[],
    path: string,
    places: number,
  ): Pick<TapCallEvent, 'chargedItem' | 'charge' | 'chargeableUnits' | 'chargedUnits'> {
    let charge = 0n;
    let item = '';
    let units: { chargeableUnits?: number; chargedUnits?: number } = {};
    for (const list of lists) {
      for (const [i, info] of this.list(list, 'ChargeInformationList').entries()) {
        const g = new Group(info, `${path}/ChargeInformation[${i}]`, this.unknown);
        item ||= g.get('ChargedItem') ? this.text(g.get('ChargedItem')!) : '';
        for (const detail of this.list(g.get('ChargeDetailList'), 'ChargeDetailList')) {
          const d = new Group(detail, `${path}/ChargeDetail`, this.unknown);
          // Charge type 00 is the total; other types break it down and would count it twice.
          if (d.get('ChargeType') && this.text(d.get('ChargeType')!) !== '00') continue;
          charge += d.get('Charge') ? this.big(d.get('Charge')!) : 0n;
          if (units.chargeableUnits === undefined && units.chargedUnits === undefined) {
            units = {
              ...(d.get('ChargeableUnits') ? { chargeableUnits: this.int(d.get('ChargeableUnits')!) } : {}),
              ...(d.get('ChargedUnits') ? { chargedUnits: this.int(d.get('ChargedUnits')!) } : {}),
            };
          }
        }
      }
    }
    return { chargedItem: item, charge: unscaledAmount(charge, places), ...units };
  }

  audit(g: Group, places: number): TapAudit {
    const long = (name: string) => {
      const node = g.get(name);
      if (!node) return undefined;
      const t = new Group(node, name, this.unknown);
      return epochOf(this.text(t.need('LocalTimeStamp')), this.text(t.need('UtcTimeOffset')), `${this.what} ${name}`);
    };
    const amount = (name: string) => (g.get(name) ? unscaledAmount(this.big(g.get(name)!), places) : 0);
    const earliest = long('EarliestCallTimeStamp');
    const latest = long('LatestCallTimeStamp');
    return {
      ...(earliest !== undefined ? { earliestCallTime: earliest } : {}),
      ...(latest !== undefined ? { latestCallTime: latest } : {}),
      totalCharge: amount('TotalCharge'),
      totalTaxValue: amount('TotalTaxValue'),
      totalDiscountValue: amount('TotalDiscountValue'),
      callEventDetailsCount: this.int(g.need('CallEventDetailsCount')),
    };
  }
}

function primitiveBytes(node: BerNode): Uint8Array {
  return isConstructed(node) ? new Uint8Array() : (node.bytes ?? new Uint8Array());
}

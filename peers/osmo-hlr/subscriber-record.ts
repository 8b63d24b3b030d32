/**
 * A subscriber as osmo-hlr stores it, read from the VTY's `subscriber imsi X
 * show` or CTRL's `info-all`. Keys (K, OPc, Ki) are deliberately not kept:
 * only which algorithms are set.
 *
 * @module
 */

/** osmo-hlr's record of one subscriber, without its keys. */
export interface HlrSubscriberRecord {
  readonly id: number;
  readonly imsi: string;
  readonly msisdn?: string;
  /** Only the VTY shows it (with its check digit). */
  readonly imei?: string;
  /** Name of the VLR that last did a CS UpdateLocation (its IPA name). */
  readonly vlrNumber?: string;
  readonly sgsnNumber?: string;
  readonly csEnabled: boolean;
  readonly psEnabled: boolean;
  readonly csPurged: boolean;
  readonly psPurged: boolean;
  /** 2G algorithm, e.g. `COMP128v1`; absent without 2G auth data. */
  readonly auth2g?: string;
  /** 3G algorithm, e.g. `MILENAGE`, with IND bit length and the last SQN handed out. */
  readonly auth3g?: { readonly algorithm: string; readonly indBitlen?: number; readonly lastSqn?: number };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Parses the VTY's `subscriber ... show` output.
 *
 * @example
 * ```ts
 * parseVtySubscriber('    ID: 1\n    IMSI: 901700000000001\n    MSISDN: none').imsi // '901700000000001'
 * ```
 */
export function parseVtySubscriber(text: string): HlrSubscriberRecord {
  const record: Mutable<HlrSubscriberRecord> = { id: 0, imsi: '', csEnabled: true, psEnabled: true, csPurged: false, psPurged: false };
  let auth3g: { algorithm: string; indBitlen?: number; lastSqn?: number } | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const field = /^([A-Za-z0-9 ]+?): (.*)$/.exec(line);
    if (line === 'CS disabled') record.csEnabled = false;
    else if (line === 'PS disabled') record.psEnabled = false;
    else if (line === 'CS purged') record.csPurged = true;
    else if (line === 'PS purged') record.psPurged = true;
    else if (line.startsWith('IND-bitlen=') && auth3g) {
      const m = /IND-bitlen=(\d+)(?: last-SQN=(\d+))?/.exec(line);
      if (m?.[1]) auth3g.indBitlen = Number(m[1]);
      if (m?.[2]) auth3g.lastSqn = Number(m[2]);
    } else if (field) {
      const [, key, value] = field as unknown as [string, string, string];
      if (key === 'ID') record.id = Number(value);
      else if (key === 'IMSI') record.imsi = value;
      else if (key === 'MSISDN' && value !== 'none') record.msisdn = value;
      else if (key === 'IMEI') record.imei = value.split(' ')[0]!;
      else if (key === 'VLR number') record.vlrNumber = value;
      else if (key === 'SGSN number') record.sgsnNumber = value;
      else if (key === '2G auth') record.auth2g = value;
      else if (key === '3G auth') auth3g = { algorithm: value };
    }
  }
  if (auth3g) record.auth3g = auth3g;
  return record;
}

/**
 * Parses CTRL's `info-all` reply: `\n`-separated `key\tvalue` lines.
 *
 * @example
 * ```ts
 * parseCtrlSubscriber('\nid\t1\nimsi\t901700000000001\nnam_cs\t1\nnam_ps\t0').psEnabled // false
 * ```
 */
export function parseCtrlSubscriber(text: string): HlrSubscriberRecord {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) values.set(line.slice(0, tab), line.slice(tab + 1));
  }
  const get = (key: string) => values.get(key);
  const record: Mutable<HlrSubscriberRecord> = {
    id: Number(get('id') ?? 0),
    imsi: get('imsi') ?? '',
    csEnabled: get('nam_cs') !== '0',
    psEnabled: get('nam_ps') !== '0',
    csPurged: get('ms_purged_cs') === '1',
    psPurged: get('ms_purged_ps') === '1',
  };
  const msisdn = get('msisdn');
  if (msisdn) record.msisdn = msisdn;
  const vlr = get('vlr_number');
  if (vlr) record.vlrNumber = vlr;
  const sgsn = get('sgsn_number');
  if (sgsn) record.sgsnNumber = sgsn;
  const algo2g = get('aud2g.algo');
  if (algo2g) record.auth2g = algo2g;
  const algo3g = get('aud3g.algo');
  if (algo3g) {
    const ind = get('aud3g.ind_bitlen');
    const sqn = get('aud3g.sqn');
    record.auth3g = { algorithm: algo3g, ...(ind ? { indBitlen: Number(ind) } : {}), ...(sqn ? { lastSqn: Number(sqn) } : {}) };
  }
  return record;
}

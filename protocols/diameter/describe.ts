/**
 * A decoded message as plain data with names from the dictionary, for
 * report steps and attachments: `Update-Location-Request` with `User-Name`,
 * `Visited-PLMN-Id`... Key material (KASME, CK, IK, XRES) is never shown, and
 * subscriber identities are shown only as the caller's `identity` function
 * renders them (a keyed hash in reports).
 *
 * @module
 */
import { readLeaf } from './avp-types.js';
import { DIAMETER_DICTIONARY } from './default-dictionary.js';
import type { AvpDefinition, DiameterDictionary } from './dictionary.js';
import { AVP_FLAG, COMMAND_FLAG, type DecodedAvp, type DiameterMessage } from './message.js';
import { decodeTbcd } from './tbcd.js';

/** One AVP as shown in a report. */
export interface DescribedAvp {
  /** The dictionary name, or `AVP <code>` when unknown. */
  readonly name: string;
  readonly code: number;
  /** Set for vendor AVPs. */
  readonly vendorId?: number;
  /** `V`, `M`, `P` letters of the flags set. */
  readonly flags: string;
  /** The value as text or number; absent for grouped AVPs. */
  readonly value?: string | number;
  /** The children of a grouped AVP. */
  readonly avps?: readonly DescribedAvp[];
}

/** One message as shown in a report. */
export interface DescribedMessage {
  /** e.g. `Update-Location-Request`, or `Command 999-Request` when unknown. */
  readonly command: string;
  /** e.g. `ULR`, `ULA`. */
  readonly abbreviation: string;
  readonly application: string;
  readonly applicationId: number;
  /** `R`, `P`, `E`, `T` letters of the flags set. */
  readonly flags: string;
  readonly hopByHopId: number;
  readonly endToEndId: number;
  readonly avps: readonly DescribedAvp[];
}

/** How to show a subscriber identity; the default hides it. */
export type IdentityRenderer = (kind: 'imsi' | 'msisdn' | 'subscription', value: string) => string;

const hideIdentity: IdentityRenderer = (kind) => `<${kind} hidden>`;

/**
 * Describes a message with names from the dictionary.
 *
 * @param options `identity`: how to show IMSIs and MSISDNs (default: hidden); `dictionary`.
 * @example
 * ```ts
 * const described = describeMessage(decodeMessage(frame), { identity: (kind, v) => hasher.subscriber(v) });
 * described.abbreviation // 'AIR'
 * ```
 */
export function describeMessage(
  message: DiameterMessage,
  options: { identity?: IdentityRenderer; dictionary?: DiameterDictionary } = {},
): DescribedMessage {
  const dictionary = options.dictionary ?? DIAMETER_DICTIONARY;
  const request = (message.flags & COMMAND_FLAG.request) !== 0;
  const command = dictionary.command(message.commandCode, message.applicationId);
  const suffix = request ? 'Request' : 'Answer';
  return {
    command: `${command?.name ?? `Command ${message.commandCode}`}-${suffix}`,
    abbreviation: command ? `${command.abbreviation.slice(0, -1)}${request ? 'R' : 'A'}` : `${message.commandCode}${request ? 'R' : 'A'}`,
    application: dictionary.application(message.applicationId) ?? `Application ${message.applicationId}`,
    applicationId: message.applicationId,
    flags: letters(message.flags, [
      [COMMAND_FLAG.request, 'R'],
      [COMMAND_FLAG.proxiable, 'P'],
      [COMMAND_FLAG.error, 'E'],
      [COMMAND_FLAG.retransmitted, 'T'],
    ]),
    hopByHopId: message.hopByHopId,
    endToEndId: message.endToEndId,
    avps: describeAvps(message.avps, dictionary, options.identity ?? hideIdentity),
  };
}

function describeAvps(avps: readonly DecodedAvp[], dictionary: DiameterDictionary, identity: IdentityRenderer): DescribedAvp[] {
  return avps.map((a) => {
    const def = dictionary.avp(a.code, a.vendorId);
    const head = {
      name: def?.name ?? `AVP ${a.code}`,
      code: a.code,
      ...(a.vendorId ? { vendorId: a.vendorId } : {}),
      flags: letters(a.flags, [
        [AVP_FLAG.vendor, 'V'],
        [AVP_FLAG.mandatory, 'M'],
        [AVP_FLAG.protected, 'P'],
      ]),
    };
    if (a.children) return { ...head, avps: describeAvps(a.children, dictionary, identity) };
    return { ...head, value: valueOf(a, def, identity) };
  });
}

function valueOf(a: DecodedAvp, def: AvpDefinition | undefined, identity: IdentityRenderer): string | number {
  if (!def) return a.data.toString('hex');
  if (def.secret) return `<${a.dataLength} bytes not shown>`;
  try {
    const value = readLeaf(def.type, a.data, { code: a.code, vendorId: a.vendorId, offset: a.dataOffset });
    if (def.identity)
      return identity(def.identity, def.identity === 'msisdn' && value instanceof Uint8Array ? decodeTbcd(value) : String(value));
    if (def.type === 'Enumerated')
      return def.values?.[value as number] ? `${def.values[value as number]} (${String(value)})` : (value as number);
    if (def.type === 'Time') return new Date(value as number).toISOString();
    if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
    if (typeof value === 'bigint') return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
    return value;
  } catch (error) {
    return `<malformed: ${error instanceof Error ? error.message : String(error)}>`;
  }
}

function letters(flags: number, table: readonly (readonly [number, string])[]): string {
  let out = '';
  for (const [bit, letter] of table) if (flags & bit) out += letter;
  return out;
}

/**
 * The Diameter dictionary: what each AVP code (per vendor) is called, its
 * data format and flag rules, and the names of commands and applications.
 * The codec asks it which AVPs are Grouped (to decode their children) and
 * the report asks it for names.
 *
 * @module
 */
import type { AvpType } from './avp-types.js';

/** IANA enterprise number of 3GPP, the vendor of the S6a and Gy AVPs. */
export const VENDOR_3GPP = 10415;

/** One AVP as a specification defines it. */
export interface AvpDefinition {
  readonly name: string;
  readonly code: number;
  /** 0 for IETF AVPs; the V flag is set exactly when this is not 0. */
  readonly vendorId: number;
  readonly type: AvpType;
  /** Whether the specification sets the M flag ("must"). */
  readonly mandatory: boolean;
  /** Names of Enumerated values, by value. */
  readonly values?: Readonly<Record<number, string>>;
  /** Key material (KASME, CK, IK): never shown in reports. */
  readonly secret?: boolean;
  /** A subscriber identity: shown hashed in reports. */
  readonly identity?: 'imsi' | 'msisdn' | 'subscription';
}

/**
 * Defines an AVP.
 *
 * @example
 * ```ts
 * const UserName = defineAvp('User-Name', 1, 'UTF8String');
 * const VisitedPlmnId = defineAvp('Visited-PLMN-Id', 1407, 'OctetString', { vendorId: VENDOR_3GPP });
 * ```
 */
export function defineAvp(
  name: string,
  code: number,
  type: AvpType,
  options: {
    vendorId?: number;
    mandatory?: boolean;
    values?: Record<number, string>;
    secret?: boolean;
    identity?: AvpDefinition['identity'];
  } = {},
): AvpDefinition {
  return Object.freeze({
    name,
    code,
    vendorId: options.vendorId ?? 0,
    type,
    mandatory: options.mandatory ?? true,
    ...(options.values ? { values: Object.freeze({ ...options.values }) } : {}),
    ...(options.secret ? { secret: true } : {}),
    ...(options.identity ? { identity: options.identity } : {}),
  });
}

/** A command: its code, application and names (`Update-Location-Request` / `-Answer`, `ULR` / `ULA`). */
export interface CommandDefinition {
  readonly name: string;
  readonly code: number;
  readonly applicationId: number;
  /** The abbreviation of the request, e.g. `ULR`; the answer's ends in `A`. */
  readonly abbreviation: string;
  /** Whether requests are proxiable (the P flag). */
  readonly proxiable: boolean;
}

/** Defines a command. */
export function defineCommand(
  name: string,
  code: number,
  applicationId: number,
  abbreviation: string,
  proxiable = true,
): CommandDefinition {
  return Object.freeze({ name, code, applicationId, abbreviation, proxiable });
}

/**
 * A set of AVP and command definitions with fast lookup by code and vendor.
 *
 * @example
 * ```ts
 * const dictionary = new DiameterDictionary([BASE_AVPS, S6A_AVPS], [BASE_COMMANDS, S6A_COMMANDS], { 16777251: 'S6a' });
 * dictionary.avp(1407, VENDOR_3GPP)?.name // 'Visited-PLMN-Id'
 * ```
 */
export class DiameterDictionary {
  readonly #ietf = new Map<number, AvpDefinition>();
  readonly #vendors = new Map<number, Map<number, AvpDefinition>>();
  readonly #commands = new Map<number, CommandDefinition[]>();
  readonly #applications: ReadonlyMap<number, string>;

  constructor(
    avpSets: readonly Readonly<Record<string, AvpDefinition>>[],
    commandSets: readonly Readonly<Record<string, CommandDefinition>>[],
    applications: Readonly<Record<number, string>>,
  ) {
    for (const set of avpSets) {
      for (const def of Object.values(set)) {
        if (def.vendorId === 0) this.#ietf.set(def.code, def);
        else {
          let vendor = this.#vendors.get(def.vendorId);
          if (!vendor) this.#vendors.set(def.vendorId, (vendor = new Map()));
          vendor.set(def.code, def);
        }
      }
    }
    for (const set of commandSets) {
      for (const def of Object.values(set)) {
        const list = this.#commands.get(def.code) ?? [];
        list.push(def);
        this.#commands.set(def.code, list);
      }
    }
    this.#applications = new Map(Object.entries(applications).map(([id, name]) => [Number(id), name]));
  }

  /** The definition of AVP `code` of `vendorId`, if known. */
  avp(code: number, vendorId: number): AvpDefinition | undefined {
    return vendorId === 0 ? this.#ietf.get(code) : this.#vendors.get(vendorId)?.get(code);
  }

  /** The command `code` of `applicationId` (or of any application, when only one has that code). */
  command(code: number, applicationId: number): CommandDefinition | undefined {
    const list = this.#commands.get(code);
    if (!list) return undefined;
    return list.find((c) => c.applicationId === applicationId) ?? (list.length === 1 ? list[0] : undefined);
  }

  /** The name of an application id, e.g. `S6a` for 16777251. */
  application(id: number): string | undefined {
    return this.#applications.get(id);
  }
}

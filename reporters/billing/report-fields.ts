/** Turns IMSIs and MSISDNs into the pseudonyms the event log uses. `IdentityHasher` fits. */
export interface IdentityPseudonyms {
  subscriber(imsi: string): string;
  msisdn(msisdn: string): string;
}

/** One row of a billing table: field name to printable value. */
export type ReportRow = ReadonlyMap<string, string>;

const SECRET_FIELDS = new Set(['k', 'ki', 'opc', 'op', 'credentials', 'sim']);
const PSEUDONYMS: Record<string, 'subscriber' | 'msisdn'> = { imsi: 'subscriber', msisdn: 'msisdn' };

/**
 * Flattens a record into printable fields (`expected.service`, `usage.bytes`),
 * replaces IMSIs and MSISDNs by their pseudonyms (or `[redacted]` when no
 * pseudonyms are given, since a clear identity must never reach a partner),
 * and drops SIM secrets (`k`, `opc`, ...) whatever they hold.
 *
 * @example
 * ```ts
 * reportFields({ imsi: '262011234567890', usage: { bytes: 10 } }, hasher) // Map { 'subscriber_id' => 'sub_…', 'usage.bytes' => '10' }
 * ```
 */
export function reportFields(record: unknown, identities?: IdentityPseudonyms): ReportRow {
  const row = new Map<string, string>();
  const visit = (value: unknown, path: string[]) => {
    const field = path[path.length - 1]?.toLowerCase() ?? '';
    if (SECRET_FIELDS.has(field)) return;
    const kind = PSEUDONYMS[field];
    if (kind) {
      const name = [...path.slice(0, -1), kind === 'subscriber' ? 'subscriber_id' : 'msisdn_id'].join('.');
      row.set(name, value === undefined || value === null ? '' : identities ? identities[kind](String(value)) : '[redacted]');
      return;
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && depthOk(path)) {
      for (const [key, inner] of Object.entries(value)) visit(inner, [...path, key]);
      return;
    }
    row.set(path.join('.') || 'value', printable(value));
  };
  visit(record, []);
  return row;
}

/** Every column of `rows`, in the order first seen. */
export function columnsOf(rows: readonly ReportRow[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of row.keys()) columns.add(key);
  return [...columns];
}

function depthOk(path: readonly string[]): boolean {
  return path.length < 4;
}

function printable(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Lines of cells as CSV (RFC 4180: quoted when needed, CRLF line ends).
 * Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is
 * prefixed with `'`; plain negative numbers are left alone.
 *
 * @example
 * ```ts
 * toCsv([['plmn', 'bytes'], ['208-01', '1024']]) // 'plmn,bytes\r\n208-01,1024\r\n'
 * ```
 */
export function toCsv(lines: readonly (readonly string[])[]): string {
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

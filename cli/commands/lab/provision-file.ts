import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { CliError } from '../../command.js';

/** One subscriber to provision, as `roam subscribers generate --with-keys` writes it. */
export interface ProvisionRow {
  readonly imsi: string;
  readonly msisdn: string;
  readonly home: string;
  readonly k: string;
  readonly opc: string;
}

/**
 * Reads a subscriber file (CSV with a header row, a JSON array, or JSON
 * Lines) that has `imsi, msisdn, home, k, opc` for every row.
 *
 * @throws {CliError} naming the file and the first row without keys.
 */
export function readProvisionFile(file: string): ProvisionRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `read subscribers to provision from ${file}`,
      String((error as NodeJS.ErrnoException).code ?? error),
      'Check the path',
      2,
    );
  }
  const rows = parseRows(text, extname(file).toLowerCase(), file);
  rows.forEach((row, i) => {
    for (const field of ['imsi', 'msisdn', 'home', 'k', 'opc'] as const) {
      if (typeof row[field] !== 'string' || row[field] === '') {
        throw new CliError(
          `read subscribers to provision from ${file}`,
          `row ${i + 1} has no ${field}`,
          'Write the file with "roam subscribers generate --with-keys"',
          2,
        );
      }
    }
  });
  return rows as unknown as ProvisionRow[];
}

function parseRows(text: string, ext: string, file: string): Record<string, unknown>[] {
  const trimmed = text.trim();
  try {
    if (ext === '.json' || trimmed.startsWith('[')) return JSON.parse(trimmed) as Record<string, unknown>[];
    if (ext === '.jsonl' || trimmed.startsWith('{'))
      return trimmed
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
  } catch (error) {
    throw new CliError(`read subscribers to provision from ${file}`, (error as Error).message, 'Fix the JSON', 2);
  }
  const [header, ...lines] = trimmed.split(/\r?\n/);
  const columns = (header ?? '').split(',').map((c) => c.trim());
  return lines.filter(Boolean).map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i] ?? `column${i}`, v.trim()])));
}

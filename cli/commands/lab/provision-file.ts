import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { CliError, fileProblem } from '../../command.js';

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
    throw new CliError(`read subscribers to provision from ${file}`, fileProblem(error), 'Check the path', 2);
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
  if (ext === '.json' || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text) as Record<string, unknown>[];
    } catch (error) {
      throw notJson(file, 'the file', text, error);
    }
  }
  if (ext === '.jsonl' || trimmed.startsWith('{')) {
    const skipped = text.slice(0, text.length - text.trimStart().length).split('\n').length - 1;
    return trimmed
      .split('\n')
      .map((line, index) => ({ line, number: index + 1 }))
      .filter(({ line }) => line.trim() !== '')
      .map(({ line, number }) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch (error) {
          throw notJson(file, `line ${number + skipped}`, line, error);
        }
      });
  }
  const [header, ...lines] = trimmed.split(/\r?\n/);
  const columns = (header ?? '').split(',').map((c) => c.trim());
  return lines.filter(Boolean).map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i] ?? `column${i}`, v.trim()])));
}

/**
 * The parser's own message quotes the text around the fault, which may hold
 * K or OPc: only where the fault is, and what kind, goes into the error.
 */
function notJson(file: string, where: string, parsed: string, error: unknown): CliError {
  const message = error instanceof Error ? error.message : '';
  const match = /at position (\d+)/.exec(message);
  const position = match ? Number(match[1]) : undefined;
  const early = /^Unexpected end of JSON input/.test(message) || (position !== undefined && position >= parsed.length);
  let at = '';
  if (!early && position !== undefined) {
    const before = parsed.slice(0, position).split('\n');
    at = before.length > 1 ? ` at line ${before.length}, column ${before.at(-1)!.length + 1}` : ` at character ${position + 1}`;
  }
  return new CliError(
    `read subscribers to provision from ${file}`,
    `${where}: ${early ? 'it ends too early' : `it is not valid JSON${at}`}`,
    "Fix the JSON syntax there (the parser's own message is left out: it would quote the keys)",
    2,
  );
}

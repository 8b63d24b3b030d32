/**
 * Fitting text to a terminal: the width to fit, and word wrapping that
 * keeps an indent. Used for what the CLI and the reporters print in tables
 * and lists (the validate summary, the SLO table).
 *
 * @module
 */

/** Narrowest width ever wrapped to: below it, wrapping hurts more than overflowing. */
export const MIN_WRAP_WIDTH = 40;

/**
 * The width to fit printed text to: the terminal's columns when `stream` is
 * a terminal; else `$COLUMNS` when set; else undefined, meaning no limit, so
 * output piped to a file or a CI log keeps each row on one line for grep
 * and diff.
 *
 * @example
 * ```ts
 * const width = terminalWidth(process.stderr);
 * ```
 */
export function terminalWidth(
  stream: { isTTY?: boolean; columns?: number } = process.stdout,
  env: Readonly<Record<string, string | undefined>> = process.env,
): number | undefined {
  if (stream.isTTY && typeof stream.columns === 'number' && stream.columns > 0) return Math.max(MIN_WRAP_WIDTH, stream.columns);
  const columns = Number(env['COLUMNS']);
  return Number.isInteger(columns) && columns > 0 ? Math.max(MIN_WRAP_WIDTH, columns) : undefined;
}

/**
 * Breaks `text` into lines of at most `width` characters, at spaces where
 * it can, inside a word only when the word alone is wider. Existing line
 * breaks are kept. With no width, the text's own lines come back as they are.
 *
 * @example
 * ```ts
 * wrapText('attach latency p(95) breached', 12) // ['attach', 'latency', 'p(95)', 'breached']
 * ```
 */
export function wrapText(text: string, width: number | undefined): string[] {
  if (width === undefined || width <= 0) return text.split('\n');
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      let rest = word;
      while (rest.length > width) {
        // A word wider than the line: what fits goes on the current line, then whole lines of it.
        const room = line ? width - line.length - 1 : width;
        if (room <= 0) {
          lines.push(line);
          line = '';
          continue;
        }
        lines.push(line ? `${line} ${rest.slice(0, room)}` : rest.slice(0, room));
        line = '';
        rest = rest.slice(room);
      }
      if (!line) line = rest;
      else if (line.length + 1 + rest.length <= width) line = `${line} ${rest}`;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * `text` wrapped to `width`, its first line after `first` and the rest
 * after `indent` (both counted in the width). A `first` that leaves too
 * little room puts all of the text on the lines below it.
 *
 * @example
 * ```ts
 * hangingIndent('  a.roam.yaml:3:5  steps[0]  ', '      ', 'unknown step "atach"; did you mean attach?', 60)
 * ```
 */
export function hangingIndent(first: string, indent: string, text: string, width: number | undefined): string[] {
  const [opening = '', ...others] = text.split('\n');
  if (width === undefined) return [first + opening, ...others.map((line) => indent + line)];
  const below = (paragraphs: readonly string[]) =>
    paragraphs.flatMap((paragraph) => wrapText(paragraph, width - indent.length)).map((line) => indent + line);
  const room = width - first.length;
  if (room < Math.min(20, width / 3)) return [first.trimEnd(), ...below([opening, ...others])];
  const [head = '', ...overflow] = wrapText(opening, room);
  // What did not fit on the first line is the rest of the same paragraph, wrapped again at the indent.
  const rest = overflow.length ? opening.slice(opening.indexOf(overflow[0]!, head.length)) : undefined;
  return [first + head, ...below(rest === undefined ? others : [rest, ...others])];
}

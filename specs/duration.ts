/**
 * Durations as people write them in specs: `40ms`, `1.5s`, `2m`, `1h`.
 * Returns milliseconds, or undefined when the text is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = match[2] as 'ms' | 's' | 'm' | 'h';
  return value * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit];
}

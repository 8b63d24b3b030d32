/**
 * "Did you mean": the known name (a command, a flag, a spec field)
 * closest to what was typed, when it is close enough to be a typo.
 *
 * @module
 */

/**
 * Edit distance with adjacent transpositions (optimal string alignment):
 * insertions, deletions, substitutions and swaps of two neighbours each cost 1,
 * so `valdiate` is 1 from `validate`.
 *
 * @example
 * ```ts
 * editDistance('valdiate', 'validate') // 1
 * ```
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate closest to `typed`, if it is within a typo's reach (a third
 * of its length, at least 1, at most 3 edits) or starts with what was typed;
 * undefined when nothing is that close. Case is ignored.
 *
 * @example
 * ```ts
 * closest('valdate', ['run', 'validate', 'drill']) // 'validate'
 * closest('deploy', ['run', 'validate']) // undefined
 * ```
 */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  const input = typed.toLowerCase();
  if (input.length === 0) return undefined;
  const reach = Math.min(3, Math.max(1, Math.floor(input.length / 3)));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(input, candidate.toLowerCase());
    if (distance <= reach && (!best || distance < best.distance)) best = { candidate, distance };
  }
  if (best) return best.candidate;
  // An unambiguous prefix (`roam evid`) is as good a hint as a typo.
  const prefixed = input.length >= 3 ? candidates.filter((c) => c.toLowerCase().startsWith(input)) : [];
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/**
 * ` Did you mean "x"?` for a message, or an empty string.
 *
 * @example
 * ```ts
 * `there is no command "valdate".${didYouMean('valdate', ['validate'])}` // 'there is no command "valdate". Did you mean "validate"?'
 * ```
 */
export function didYouMean(typed: string, candidates: readonly string[]): string {
  const hit = closest(typed, candidates);
  return hit === undefined ? '' : ` Did you mean "${hit}"?`;
}

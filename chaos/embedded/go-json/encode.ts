/**
 * The two places where Go's `json.Marshal` output differs from
 * `JSON.stringify`: strings (Go escapes `<`, `>`, `&`, U+2028 and U+2029 for
 * safe embedding in HTML) and `float32` numbers (Go prints the shortest
 * decimal that reads back as the same float32, so toxicity 0.1 is `0.1`, not
 * `0.10000000149011612`).
 *
 * @module
 */

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * A JSON string literal exactly as Go's encoder writes it.
 *
 * @example
 * ```ts
 * goJsonString('a<b') // '"a\\u003cb"'
 * ```
 */
export function goJsonString(value: string): string {
  return JSON.stringify(value).replace(HTML_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A float32 value as Go's encoder writes it: shortest round-trip digits,
 * exponent form only below 1e-6 or from 1e21 on (the same limits as
 * JavaScript's own number printing, which therefore does the layout).
 *
 * @example
 * ```ts
 * goFloat32(Math.fround(0.1)) // '0.1'
 * ```
 */
export function goFloat32(value: number): string {
  if (Object.is(value, -0)) return '-0';
  if (value === 0 || !Number.isFinite(value)) return String(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return String(candidate);
  }
  return String(value);
}

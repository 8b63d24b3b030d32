/**
 * Turns the bytes between the quotes of a JSON string into text the way Go's
 * `encoding/json` unquotes them: escapes resolved, surrogate pairs joined,
 * and every lone surrogate or invalid UTF-8 byte replaced by U+FFFD, one
 * replacement per bad byte. A proxy named with such bytes must come back
 * from the API with the same replacements as from the real server.
 *
 * @module
 */

const REPLACEMENT = 0xfffd;
const SIMPLE_ESCAPES: Record<number, number> = {
  0x22: 0x22,
  0x5c: 0x5c,
  0x2f: 0x2f,
  0x62: 0x08,
  0x66: 0x0c,
  0x6e: 0x0a,
  0x72: 0x0d,
  0x74: 0x09,
};

/**
 * Decodes already-validated string contents (escapes are well formed).
 *
 * @example
 * ```ts
 * decodeGoString(Buffer.from('a\\u00e9\\ud800')) // 'aé\uFFFD'
 * ```
 */
export function decodeGoString(bytes: Uint8Array): string {
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i]!;
    if (c === 0x5c) {
      const e = bytes[i + 1]!;
      if (e !== 0x75) {
        out.push(SIMPLE_ESCAPES[e]!);
        i += 2;
        continue;
      }
      const unit = hex4(bytes, i + 2);
      i += 6;
      if (unit >= 0xd800 && unit < 0xe000) {
        const low = bytes[i] === 0x5c && bytes[i + 1] === 0x75 ? hex4(bytes, i + 2) : -1;
        if (unit < 0xdc00 && low >= 0xdc00 && low < 0xe000) {
          out.push(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
          i += 6;
        } else {
          out.push(REPLACEMENT);
        }
        continue;
      }
      out.push(unit);
      continue;
    }
    if (c < 0x80) {
      out.push(c);
      i++;
      continue;
    }
    const [rune, size] = decodeRune(bytes, i);
    out.push(rune);
    i += size;
  }
  return fromCodePoints(out);
}

/** Spreads in slices: a body can hold more code points than a call may take arguments. */
function fromCodePoints(points: readonly number[]): string {
  let text = '';
  for (let k = 0; k < points.length; k += 8192) text += String.fromCodePoint(...points.slice(k, k + 8192));
  return text;
}

function hex4(bytes: Uint8Array, at: number): number {
  if (at + 4 > bytes.length) return -1;
  const text = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
  return /^[0-9a-fA-F]{4}$/.test(text) ? Number.parseInt(text, 16) : -1;
}

/** Go's `utf8.DecodeRune`: the rune at `at` and its length, or U+FFFD and 1 for a bad sequence. */
function decodeRune(bytes: Uint8Array, at: number): [number, number] {
  const b0 = bytes[at]!;
  let size: number;
  let lo = 0x80;
  let hi = 0xbf;
  let rune: number;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    size = 2;
    rune = b0 & 0x1f;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    size = 3;
    rune = b0 & 0x0f;
    if (b0 === 0xe0) lo = 0xa0;
    if (b0 === 0xed) hi = 0x9f; // no UTF-8 encoded surrogates
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    size = 4;
    rune = b0 & 0x07;
    if (b0 === 0xf0) lo = 0x90;
    if (b0 === 0xf4) hi = 0x8f;
  } else {
    return [REPLACEMENT, 1];
  }
  for (let k = 1; k < size; k++) {
    const b = bytes[at + k];
    const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
    if (b === undefined || b < min || b > max) return [REPLACEMENT, 1];
    rune = (rune << 6) | (b & 0x3f);
  }
  return [rune, size];
}

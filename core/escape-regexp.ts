/**
 * `text` with every character that means something in a regular expression
 * escaped, so `new RegExp(escapeRegExp(text))` matches `text` literally.
 *
 * @example
 * ```ts
 * new RegExp(`^${escapeRegExp('/tmp/a+b/x.mjs')}$`).test('/tmp/a+b/x.mjs') // true
 * ```
 */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

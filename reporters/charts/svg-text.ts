/**
 * Escapes text for SVG and HTML element content and attribute values, and
 * drops the control characters XML does not allow, so a reject cause or a
 * link name can never break the markup it is put in.
 *
 * @example
 * ```ts
 * escapeMarkup('a < b & "c"') // 'a &lt; b &amp; &quot;c&quot;'
 * ```
 */
export function escapeMarkup(text: string): string {
  return (
    text
      // Characters XML 1.0 forbids even escaped: a stray one makes the whole SVG unreadable.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
  );
}

/** Cuts `text` to at most `max` characters, ending in `…` when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

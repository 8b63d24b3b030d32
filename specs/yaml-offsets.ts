import { isNode, type Document } from 'yaml';

/**
 * Where `path` is in a parsed YAML document, as a character offset: the node
 * at the path, or the nearest one that exists on it (a missing key points at
 * its parent; a key with a null value at the key itself), or with `at.key`
 * the key of the last step (for a key that should not be there). For file:line:col
 * in the problems of a spec or a lab file.
 *
 * @example
 * ```ts
 * const { line, col } = lineCounter.linePos(offsetOf(doc, ['world', 'home', 'plmn']));
 * ```
 */
export function offsetOf(doc: Document, path: (string | number)[], at: { readonly key?: boolean } = {}): number {
  if (at.key && path.length > 0) {
    const key = keyNodeAt(doc, path);
    if (key !== undefined) return key;
  }
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return node.range[0];
    // A key whose value is null has no value node; point at the key itself.
    if (depth > 0) {
      const key = keyNodeAt(doc, path.slice(0, depth));
      if (key !== undefined) return key;
    }
  }
  return 0;
}

/** The offset of the key node of `path`'s last step in its mapping, if there is one. */
function keyNodeAt(doc: Document, path: (string | number)[]): number | undefined {
  const parent = doc.getIn(path.slice(0, -1), true) as { items?: { key?: unknown; value?: unknown }[] } | undefined;
  const pair = parent?.items?.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === path.at(-1));
  return pair && isNode(pair.key) && pair.key.range ? pair.key.range[0] : undefined;
}

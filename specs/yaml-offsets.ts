import { isNode, type Document } from 'yaml';

/**
 * Where `path` is in a parsed YAML document, as a character offset: the node
 * at the path, or the nearest one that exists on it (a missing key points at
 * its parent; a key with a null value at the key itself). For file:line:col
 * in the problems of a spec or a lab file.
 *
 * @example
 * ```ts
 * const { line, col } = lineCounter.linePos(offsetOf(doc, ['world', 'home', 'plmn']));
 * ```
 */
export function offsetOf(doc: Document, path: (string | number)[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return node.range[0];
    // A key whose value is null has no value node; point at the key itself.
    if (depth > 0) {
      const parent = doc.getIn(path.slice(0, depth - 1), true) as { items?: { key?: unknown; value?: unknown }[] } | undefined;
      const pair = parent?.items?.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === path[depth - 1]);
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
    }
  }
  return 0;
}

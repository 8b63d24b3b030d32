/**
 * The keys a spec may have at a place in the document, read from the spec's
 * JSON Schema (the one editors get), for "did you mean" on an unknown field.
 *
 * @module
 */
import { specJsonSchema } from './json-schema.js';

type SchemaNode = {
  readonly $ref?: string;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly allOf?: readonly SchemaNode[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly propertyNames?: { readonly enum?: readonly unknown[] };
  readonly items?: SchemaNode;
  readonly prefixItems?: readonly SchemaNode[];
};

type RootSchema = SchemaNode & { readonly $defs?: Readonly<Record<string, SchemaNode>> };

let root: RootSchema | undefined;

/**
 * Every key an object at `path` of a spec document may have (the union over
 * the shapes it may take there); empty when the place is not an object or
 * takes any key.
 *
 * @example
 * ```ts
 * specKeysAt(['steps', 0]) // ['attach', 'locationUpdate', 'handoff', ...]
 * ```
 */
export function specKeysAt(path: readonly PropertyKey[]): string[] {
  root ??= specJsonSchema() as RootSchema;
  let nodes = expand([root]);
  for (const segment of path) {
    const next: SchemaNode[] = [];
    for (const node of nodes) {
      if (typeof segment === 'number') {
        if (node.prefixItems?.[segment]) next.push(node.prefixItems[segment]);
        if (node.items) next.push(node.items);
      } else {
        const property = node.properties?.[String(segment)];
        if (property) next.push(property);
        else if (typeof node.additionalProperties === 'object') next.push(node.additionalProperties);
      }
    }
    nodes = expand(next);
    if (nodes.length === 0) return [];
  }
  const keys = new Set<string>();
  for (const node of nodes) {
    for (const key of Object.keys(node.properties ?? {})) keys.add(key);
    for (const key of node.propertyNames?.enum ?? []) if (typeof key === 'string') keys.add(key);
  }
  return [...keys];
}

/** The nodes with references followed and unions and intersections spread out. */
function expand(nodes: readonly SchemaNode[]): SchemaNode[] {
  const out: SchemaNode[] = [];
  const seen = new Set<SchemaNode>();
  const visit = (node: SchemaNode, depth: number) => {
    if (seen.has(node) || depth > 32) return;
    seen.add(node);
    const ref = node.$ref?.match(/^#\/\$defs\/(.+)$/)?.[1];
    if (ref !== undefined && root?.$defs?.[ref]) visit(root.$defs[ref], depth + 1);
    for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) visit(branch, depth + 1);
    out.push(node);
  };
  for (const node of nodes) visit(node, 0);
  return out;
}

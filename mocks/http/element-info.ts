import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { endpoint } from './endpoint.js';

/**
 * The version of each element role's HTTP contract. Bump the minor version
 * for an added optional field or endpoint, the major one for anything an
 * implementation of the previous version would not answer.
 */
export const CONTRACT_VERSIONS = { hlr: '1.0.0', vlr: '1.0.0', billing: '1.0.0' } as const;

/** A role that has an HTTP contract. */
export type ContractRole = keyof typeof CONTRACT_VERSIONS;

/** What `GET /about` answers: which implementation this is, and which contract it speaks. */
export const ElementInfoSchema = z.object({
  /** The element's name, e.g. `hlr:262-01`. */
  element: z.string().min(1),
  /** e.g. `roaming-harness`, or a partner's product name. */
  implementation: z.string().min(1),
  version: z.string().min(1),
  contract: z.object({ name: z.string().min(1), version: z.string().min(1) }),
});

/** What `GET /about` answers. */
export type ElementInfo = z.output<typeof ElementInfoSchema>;

/**
 * `GET /about`: optional in every element's contract. An implementation that
 * answers it names itself and its version in certification evidence; one
 * that does not (404) is certified all the same. Unlike the other schemas it
 * is not strict, so an implementation may say more about itself.
 */
export const aboutEndpoint = endpoint({
  name: 'element.about',
  method: 'GET',
  path: '/about',
  request: z.undefined(),
  response: ElementInfoSchema,
});

/** The contract's name for `role`, e.g. `roam-hlr`. */
export function contractNameOf(role: ContractRole): string {
  return `roam-${role}`;
}

let ownVersion: string | undefined;

/** What a built-in element named `element` (e.g. `hlr:262-01`) answers on `GET /about`; undefined for a name of no role. */
export function builtinElementInfo(element: string): ElementInfo | undefined {
  const role = element.split(':')[0] as ContractRole;
  if (!Object.hasOwn(CONTRACT_VERSIONS, role)) return undefined;
  return {
    element,
    implementation: 'roaming-harness',
    version: (ownVersion ??= packageVersion()),
    contract: { name: contractNameOf(role), version: CONTRACT_VERSIONS[role] },
  };
}

// This package's version, from source or from dist/.
function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (parsed.name === 'roaming-harness') return parsed.version ?? '0.0.0';
  }
  return '0.0.0';
}

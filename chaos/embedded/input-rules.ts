/**
 * Rules this server puts on names and addresses that a real Toxiproxy does
 * not: a length limit (so a stranger cannot park gigabytes in proxy names)
 * and no name that a URL path could never reach (`a/b` would be created and
 * then never found, shown or deleted again).
 *
 * @module
 */
import { ApiError } from './api-error.js';

/**
 * Refuses a proxy or toxic name that is too long or that no
 * `/proxies/{proxy}` path could address.
 *
 * @param what how the error names it, e.g. `proxy name`
 * @param where added after the name in errors, e.g. ` at proxy 2`
 * @throws ApiError (400)
 *
 * @example
 * ```ts
 * checkName('proxy name', 'hlr', 256); // fine
 * checkName('proxy name', 'a/b', 256); // throws: invalid proxy name "a/b": it contains "/" ...
 * ```
 */
export function checkName(what: string, name: string, maxBytes: number, where = ''): void {
  const bytes = Buffer.byteLength(name);
  if (bytes > maxBytes) throw ApiError.tooLong(`${what}${where}`, bytes, maxBytes, 'maxNameBytes');
  // The router unescapes %2F before matching, so no spelling of a slash reaches {proxy}.
  if (name.includes('/')) throw ApiError.unaddressableName(what, name, where, 'it contains "/", which splits the path');
  // The router cleans dot segments away (a 301 to the parent path) before matching.
  if (name === '.' || name === '..') throw ApiError.unaddressableName(what, name, where, 'it is a dot segment, which paths drop');
}

/**
 * Refuses a `listen` or `upstream` longer than the limit.
 *
 * @throws ApiError (400)
 */
export function checkAddress(what: string, address: string, maxBytes: number): void {
  const bytes = Buffer.byteLength(address);
  if (bytes > maxBytes) throw ApiError.tooLong(what, bytes, maxBytes, 'maxAddressBytes');
}

/**
 * `path` (or a URL) with every segment that may be an IMSI or MSISDN (6 to
 * 15 digits, optionally after `+`) shown as `<id>`: element answers and
 * errors leave the process, identities must not.
 *
 * @example
 * ```ts
 * pathWithoutIdentities('/hlr/v1/subscribers/262011234567890/location') // '/hlr/v1/subscribers/<id>/location'
 * ```
 */
export function pathWithoutIdentities(path: string): string {
  return path.replace(/\/\+?\d{6,15}(?=\/|$|\?)/g, '/<id>');
}

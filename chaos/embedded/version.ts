/**
 * The version `GET /version` reports.
 *
 * It is the Toxiproxy release whose API this server copies, plus semver build
 * metadata naming this implementation. Build metadata (after `+`) does not
 * change precedence, so a client that requires "at least 2.12.0" accepts it,
 * while a human reading the version can still tell it is not Shopify's binary.
 */
export const EMBEDDED_TOXIPROXY_VERSION = '2.12.0+roaming-harness';

/**
 * What the chaos network knows about a link.
 *
 * @module
 */

/**
 * What crosses a link. On `request-response` links (HTTP, GSUP, Diameter:
 * the default) faults with dice roll them per request; on `stream` links
 * (bulk transfers, long-lived streams) per connection, as Toxiproxy does.
 */
export type LinkTraffic = 'request-response' | 'stream';

/** A link as the chaos network knows it. */
export interface LinkInfo {
  /** e.g. `vlr:208-01 -> hlr:262-01` */
  readonly name: string;
  readonly proxyName: string;
  /** Where clients connect: the proxy's address as seen from this machine, e.g. `127.0.0.1:41234`. */
  readonly listen: string;
  /** Where the proxy forwards to, as given (seen from this machine), e.g. `127.0.0.1:39871`. */
  readonly upstream: string;
  /** What crosses the link; decides the default `per` of its faults. */
  readonly traffic: LinkTraffic;
}

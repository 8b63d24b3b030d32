/**
 * What a server measures about the bytes its proxies move, in the terms of
 * Toxiproxy's proxy metrics: per direction, proxy, listener and upstream,
 * bytes received from the source and bytes sent to the destination.
 *
 * @module
 */
import type { LinkTraffic } from '../link/toxic-link.js';

/** The labels of one link's counters, as Toxiproxy names them. */
export interface TrafficLabels {
  /** `upstream` (client to server) or `downstream` (server to client). */
  readonly direction: 'upstream' | 'downstream';
  /** The proxy's name. */
  readonly proxy: string;
  /** The proxy's listen address when the connection opened. */
  readonly listener: string;
  /** The proxy's upstream when the connection opened. */
  readonly upstream: string;
}

/** Hands out the counters of one link. */
export interface TrafficMeter {
  /** The counters a link with these labels adds to. */
  link(labels: TrafficLabels): LinkTraffic;
}

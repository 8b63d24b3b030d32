import type { LinkInfo } from '../../../chaos/link-info.js';
import { parseLinkName } from '../../../chaos/link-name.js';

/** Every address of a running lab, as printed at start and served on `GET /endpoints`. */
export interface LabEndpoints {
  /** The lab's own server. */
  readonly lab: string;
  readonly metrics: string;
  readonly events: string;
  /** The Toxiproxy API the links are on. */
  readonly toxiproxy: string;
  /** Per visited network: where phones attach (metered, through the `ue -> vlr:<plmn>` link). */
  readonly access: Readonly<Record<string, string>>;
  /** Per visited network: the VLR itself, bypassing chaos and metrics. */
  readonly vlr: Readonly<Record<string, string>>;
  /**
   * Per home network: the HLR. `http://` for one speaking the HTTP contract
   * (its admin API provisions subscribers: `POST /admin/v1/subscribers`);
   * `gsup://host:port?vty=<port>` for osmo-hlr (GSUP, provisioned over its VTY).
   */
  readonly hlr: Readonly<Record<string, string>>;
  /** Per home network: the billing system (`GET /billing/v1/charging-events`, `/billing/v1/cdrs`). */
  readonly billing: Readonly<Record<string, string>>;
  /** Every chaos link: name, where its proxy listens and where it forwards. */
  readonly links: readonly { readonly name: string; readonly listen: string; readonly upstream: string }[];
}

/** How a home network's HLR is reached, when it is not over HTTP. */
export interface HlrAccess {
  readonly protocol: 'http' | 'gsup';
  /** The VTY port osmo-hlr is provisioned on, when the lab started it. */
  readonly vtyPort?: number;
}

/**
 * Finds the elements' own addresses from the links in front of them: a
 * VLR is the upstream of `ue -> vlr:<plmn>`, an HLR of `vlr:* -> hlr:<home>`
 * (a `gsup://` URL when `hlrs` says it speaks GSUP), billing of
 * `vlr:* -> billing:<home>`.
 */
export function labEndpoints(
  labUrl: string,
  toxiproxyUrl: string,
  links: readonly LinkInfo[],
  hlrs: Readonly<Record<string, HlrAccess>> = {},
): LabEndpoints {
  const access: Record<string, string> = {};
  const vlr: Record<string, string> = {};
  const hlr: Record<string, string> = {};
  const billing: Record<string, string> = {};
  for (const link of links) {
    const { from, to } = parseLinkName(link.name);
    const [kind, plmn] = splitElement(to);
    if (!plmn) continue;
    if (from === 'ue' && kind === 'vlr') {
      access[plmn] = `${labUrl}/access/${plmn}`;
      vlr[plmn] = `http://${link.upstream}`;
    }
    if (from.startsWith('vlr:') && kind === 'hlr') hlr[plmn] ??= hlrUrl(link.upstream, hlrs[plmn]);
    if (from.startsWith('vlr:') && kind === 'billing') billing[plmn] ??= `http://${link.upstream}`;
  }
  return {
    lab: labUrl,
    metrics: `${labUrl}/metrics`,
    events: `${labUrl}/events`,
    toxiproxy: toxiproxyUrl,
    access,
    vlr,
    hlr,
    billing,
    links: links.map(({ name, listen, upstream }) => ({ name, listen, upstream })),
  };
}

/** The endpoints as printed by `roam lab up`: one `  <what> <url>` line each, then the links. */
export function formatLabEndpoints(endpoints: LabEndpoints): string {
  const rows: [string, string, string][] = [
    ['metrics', endpoints.metrics, 'Prometheus'],
    ['events', endpoints.events, 'JSON Lines of every attach the lab saw'],
    ['endpoints', `${endpoints.lab}/endpoints`, 'all of this as JSON'],
    ['toxiproxy', endpoints.toxiproxy, 'Toxiproxy API of the links below'],
    ...Object.entries(endpoints.access).map(([p, url]): [string, string, string] => [
      `access ${p}`,
      url,
      `attach here: through link "ue -> vlr:${p}", metered`,
    ]),
    ...Object.entries(endpoints.hlr).map(([p, url]): [string, string, string] => [
      `hlr ${p}`,
      url,
      url.startsWith('gsup://') ? 'GSUP; provisioned over the VTY on ?vty=' : 'admin: POST /admin/v1/subscribers',
    ]),
    ...Object.entries(endpoints.billing).map(([p, url]): [string, string, string] => [
      `billing ${p}`,
      url,
      'GET /billing/v1/charging-events, /billing/v1/cdrs',
    ]),
    ...Object.entries(endpoints.vlr).map(([p, url]): [string, string, string] => [`vlr ${p}`, url, 'direct: no chaos, no metrics']),
  ];
  const width = Math.max(...rows.map(([what]) => what.length));
  const nameWidth = Math.max(...endpoints.links.map((l) => l.name.length));
  return [
    ...rows.map(([what, url, note]) => `  ${what.padEnd(width)}  ${url}  (${note})`),
    '  links:',
    ...endpoints.links.map((l) => `    ${l.name.padEnd(nameWidth)}  ${l.listen} -> ${l.upstream}`),
    '',
  ].join('\n');
}

function hlrUrl(address: string, access: HlrAccess | undefined): string {
  if (access?.protocol !== 'gsup') return `http://${address}`;
  return `gsup://${address}${access.vtyPort ? `?vty=${access.vtyPort}` : ''}`;
}

function splitElement(end: string): [string, string | undefined] {
  const at = end.indexOf(':');
  return at < 0 ? [end, undefined] : [end.slice(0, at), end.slice(at + 1)];
}

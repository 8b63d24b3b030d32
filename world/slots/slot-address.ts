/** `host:port` of a URL, the port defaulting to `defaultPort`; IPv6 hosts keep their brackets. */
export function addressOf(url: URL, defaultPort: number): string {
  return `${url.hostname}:${url.port || defaultPort}`;
}

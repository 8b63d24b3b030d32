/**
 * Links are named the way people draw them: `"vlr:208-01 -> hlr:262-01"`,
 * client on the left, the service it calls on the right. Toxiproxy proxy
 * names are kept to a URL-safe form of the same words.
 *
 * @module
 */

/** A link's two ends. */
export interface LinkEnds {
  /** The side that opens connections, e.g. `vlr:208-01`. */
  readonly from: string;
  /** The side that listens, e.g. `hlr:262-01`. */
  readonly to: string;
}

const LINK_PATTERN = /^\s*([^\s>]+)\s*->\s*([^\s>]+)\s*$/;

/**
 * Parses `"a -> b"`.
 *
 * @throws {TypeError} naming the link and the expected form.
 */
export function parseLinkName(name: string): LinkEnds {
  const match = LINK_PATTERN.exec(name);
  if (!match) {
    throw new TypeError(
      `[roam] Failed to parse link name ${JSON.stringify(name)}: it is not "<from> -> <to>". Write it like "vlr:208-01 -> hlr:262-01".`,
    );
  }
  return { from: match[1]!, to: match[2]! };
}

/** The canonical spelling: single spaces around the arrow. */
export function formatLinkName(ends: LinkEnds): string {
  return `${ends.from} -> ${ends.to}`;
}

/** The Toxiproxy proxy name for a link: `vlr_208-01__to__hlr_262-01`. */
export function proxyNameOf(link: string): string {
  const { from, to } = parseLinkName(link);
  const safe = (part: string) => part.replace(/[^A-Za-z0-9_.-]/g, '_');
  return `${safe(from)}__to__${safe(to)}`;
}

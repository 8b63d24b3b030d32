import type { IdentityHasher } from '../../simulator/identity-hasher.js';
import type { FetchHandler } from '../http/fetch-handler.js';
import { jsonOf, pathnameOf } from '../http/lite-message.js';

/** One structured log line of an element: a request it answered. */
export interface ElementLogEntry {
  readonly time: string;
  readonly element: string;
  readonly method: string;
  /** The path, with IMSI-like segments replaced by pseudonyms. */
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  /** Pseudonym of the IMSI in the request, if any. */
  readonly subscriber_id?: string;
  /** Pseudonym of the MSISDN in the request, if any. */
  readonly msisdn_id?: string;
  /** For 4xx/5xx: the problem title. */
  readonly problem?: string;
}

/** An entry as written, or the recipe for it: formatted when somebody reads it. */
type Pending = ElementLogEntry | (() => ElementLogEntry);

/**
 * An element's structured JSON log: one entry per request, identities
 * hashed, never a key. Keeps the last `limit` entries and passes each to an
 * optional sink (e.g. a JSON Lines file or stdout). Without a sink, an entry
 * is formatted (its time, its pseudonyms) only when it is read, so a busy
 * element pays for the log only when somebody looks at it.
 */
export class ElementLog {
  /** A ring of the last `limit` entries; `#next` is where the next one goes. */
  readonly #ring: Pending[] = [];
  #next = 0;
  readonly #limit: number;
  readonly #sink: ((line: string) => void) | undefined;

  constructor(options: { limit?: number; sink?: (line: string) => void } = {}) {
    this.#limit = Math.max(1, options.limit ?? 10_000);
    this.#sink = options.sink;
  }

  /** Adds an entry (or a function that makes it, called at most once, when the entry is read or sunk). */
  write(entry: Pending): void {
    if (this.#sink) {
      const made = typeof entry === 'function' ? entry() : entry;
      this.#sink(JSON.stringify(made));
      entry = made;
    }
    if (this.#ring.length < this.#limit) this.#ring.push(entry);
    else this.#ring[this.#next] = entry;
    this.#next = (this.#next + 1) % this.#limit;
  }

  /** Entries kept, oldest first. */
  get entries(): readonly ElementLogEntry[] {
    const ring = this.#ring;
    const start = ring.length < this.#limit ? 0 : this.#next;
    const out: ElementLogEntry[] = [];
    for (let i = 0; i < ring.length; i++) {
      const at = (start + i) % ring.length;
      const entry = ring[at]!;
      if (typeof entry === 'function') out.push((ring[at] = entry()));
      else out.push(entry);
    }
    return out;
  }

  /** The entries as JSON Lines. */
  toJsonLines(): string {
    return this.entries.map((e) => JSON.stringify(e) + '\n').join('');
  }
}

const IMSI_SEGMENT = /\/(\d{6,15})(?=\/|$)/g;

/** Logs every request `handler` answers into `log`, identities hashed with `hasher`. */
export function withRequestLog(element: string, handler: FetchHandler, log: ElementLog, hasher: IdentityHasher): FetchHandler {
  // A keyed hash per request adds up under load; the same subscribers come back again and again.
  const subscriber = remembered((imsi) => hasher.subscriber(imsi));
  const msisdn = remembered((number) => hasher.msisdn(number));
  return async (request) => {
    const start = performance.now();
    const identities = await identitiesIn(request);
    const response = await handler(request);
    const at = Date.now();
    const durationMs = Math.round((performance.now() - start) * 100) / 100;
    const problem = response.status >= 400 ? await problemTitle(response) : undefined;
    const rawPath = pathnameOf(request);
    const method = request.method;
    const status = response.status;
    // Formatted (time, pseudonyms) when read: the hot path only keeps what it saw.
    log.write(() => ({
      time: new Date(at).toISOString(),
      element,
      method,
      path: rawPath.replace(IMSI_SEGMENT, (_, imsi: string) => `/${subscriber(imsi)}`),
      status,
      durationMs,
      ...(identities.imsi ? { subscriber_id: subscriber(identities.imsi) } : {}),
      ...(identities.msisdn ? { msisdn_id: msisdn(identities.msisdn) } : {}),
      ...(problem !== undefined ? { problem } : {}),
    }));
    return response;
  };
}

/** `hash` with its last answers remembered (a bounded map, emptied when full). */
function remembered(hash: (value: string) => string, limit = 100_000): (value: string) => string {
  const known = new Map<string, string>();
  return (value) => {
    let hashed = known.get(value);
    if (hashed === undefined) {
      if (known.size >= limit) known.clear();
      known.set(value, (hashed = hash(value)));
    }
    return hashed;
  };
}

async function identitiesIn(request: Request): Promise<{ imsi?: string; msisdn?: string }> {
  if (!request.body || !(request.headers.get('content-type') ?? '').includes('json')) return {};
  try {
    const body = (await jsonOf(request)) as { imsi?: unknown; msisdn?: unknown } | null;
    if (typeof body !== 'object' || body === null) return {};
    return {
      ...(typeof body.imsi === 'string' ? { imsi: body.imsi } : {}),
      ...(typeof body.msisdn === 'string' ? { msisdn: body.msisdn } : {}),
    };
  } catch {
    return {};
  }
}

async function problemTitle(response: Response): Promise<string> {
  try {
    const body = (await response.clone().json()) as { title?: unknown };
    return typeof body.title === 'string' ? body.title : `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

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

/**
 * An element's structured JSON log: one entry per request, identities
 * hashed, never a key. Keeps the last `limit` entries and passes each to an
 * optional sink (e.g. a JSON Lines file or stdout).
 */
export class ElementLog {
  readonly #entries: ElementLogEntry[] = [];
  readonly #limit: number;
  readonly #sink: ((line: string) => void) | undefined;

  constructor(options: { limit?: number; sink?: (line: string) => void } = {}) {
    this.#limit = options.limit ?? 10_000;
    this.#sink = options.sink;
  }

  write(entry: ElementLogEntry): void {
    if (this.#entries.length >= this.#limit) this.#entries.shift();
    this.#entries.push(entry);
    this.#sink?.(JSON.stringify(entry));
  }

  /** Entries kept, oldest first. */
  get entries(): readonly ElementLogEntry[] {
    return this.#entries;
  }

  /** The entries as JSON Lines. */
  toJsonLines(): string {
    return this.#entries.map((e) => JSON.stringify(e) + '\n').join('');
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
    const entry: ElementLogEntry = {
      time: new Date().toISOString(),
      element,
      method: request.method,
      path: pathnameOf(request).replace(IMSI_SEGMENT, (_, imsi: string) => `/${subscriber(imsi)}`),
      status: response.status,
      durationMs: Math.round((performance.now() - start) * 100) / 100,
      ...(identities.imsi ? { subscriber_id: subscriber(identities.imsi) } : {}),
      ...(identities.msisdn ? { msisdn_id: msisdn(identities.msisdn) } : {}),
      ...(response.status >= 400 ? { problem: await problemTitle(response) } : {}),
    };
    log.write(entry);
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

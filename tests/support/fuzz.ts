/**
 * Shared pieces of the fuzz tests: bounded fast-check settings, a case
 * counter each fuzzer prints, and request mutations for HTTP APIs.
 *
 * @module
 */
import type { TestInfo } from '@playwright/test';
import fc from 'fast-check';

/**
 * fast-check settings for one fuzzer: `numRuns` cases at most, stopped
 * after `timeLimitMs` (a stop is not a failure), seeded so a CI failure can
 * be replayed (`ROAM_FUZZ_SEED=<seed>`; the seed is printed on failure).
 */
export function fuzzSettings<T>(numRuns: number, timeLimitMs = 8_000): fc.Parameters<T> {
  const seed = process.env['ROAM_FUZZ_SEED'];
  return {
    numRuns,
    interruptAfterTimeLimit: timeLimitMs,
    markInterruptAsFailure: false,
    endOnFailure: true,
    ...(seed !== undefined ? { seed: Number(seed) } : {}),
  };
}

/** Counts the cases a fuzzer tried and reports them (stdout and the test's annotations). */
export class CaseCounter {
  count = 0;
  /** How many answers of each status (or outcome) were seen. */
  readonly seen = new Map<string | number, number>();
  readonly #what: string;

  constructor(what: string) {
    this.#what = what;
  }

  /** Counts one outcome (a status code, an error class...). */
  saw(outcome: string | number): void {
    this.seen.set(outcome, (this.seen.get(outcome) ?? 0) + 1);
  }

  /** Prints `fuzz: <what>: <n> cases` and adds it to the test's annotations. */
  report(testInfo: TestInfo, extra = ''): void {
    const outcomes = [...this.seen.entries()]
      .sort(([a], [b]) => String(a).localeCompare(String(b)))
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    const details = [extra, outcomes].filter(Boolean).join('; ');
    const line = `fuzz: ${this.#what}: ${this.count} cases${details ? ` (${details})` : ''}`;
    console.log(line);
    testInfo.annotations.push({ type: 'fuzz-cases', description: line });
  }
}

/** One operation of an element's API with a valid example request. */
export interface ApiOperation {
  readonly method: string;
  /** The path, params filled in. */
  readonly path: string;
  /** A valid body, or undefined for none. */
  readonly body?: Record<string, unknown>;
}

/** A request to send: method, path, headers, raw body. */
export interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType: string | undefined;
  readonly body: string | undefined;
  /** How it was made, for failure messages. */
  readonly how: string;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
// Path segments: ids, IMSIs, escapes (good and bad), dots, unicode.
const segment = fc.oneof(
  fc.stringMatching(/^[0-9]{1,20}$/),
  fc.string({ unit: 'grapheme-ascii', maxLength: 30 }).map((s) => encodeURIComponent(s)),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '..', '.', '%2F', '%00', 'a%20b', ''),
  fc.string({ unit: 'grapheme', maxLength: 10 }).map((s) => encodeURIComponent(s)),
);
const anyJson = fc.jsonValue({ maxDepth: 3 });
const fieldName = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'imsi', 'kind'));

/**
 * Random and mutated requests for `operations`: valid ones (which may change
 * state), each field dropped, retyped or joined by an unknown one, whole
 * bodies replaced by other JSON, malformed JSON, wrong content types, wrong
 * methods and mangled paths.
 */
export function requestArbitrary(operations: readonly ApiOperation[]): fc.Arbitrary<FuzzRequest> {
  const op = fc.constantFrom(...operations);
  const withBody = (o: ApiOperation, body: unknown, how: string): FuzzRequest => ({
    method: o.method,
    path: o.path,
    contentType: 'application/json',
    body: body === undefined ? undefined : JSON.stringify(body),
    how,
  });
  const keyOf = (o: ApiOperation, i: number) => {
    const keys = Object.keys(o.body ?? {});
    return keys.length ? keys[i % keys.length]! : 'imsi';
  };
  return fc.oneof(
    { weight: 2, arbitrary: op.map((o) => withBody(o, o.body, 'valid')) },
    {
      weight: 2,
      arbitrary: fc.tuple(op, fc.nat()).map(([o, i]) => {
        const body = { ...o.body };
        delete body[keyOf(o, i)];
        return withBody(o, body, `without ${keyOf(o, i)}`);
      }),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(op, fc.nat(), anyJson)
        .map(([o, i, value]) =>
          withBody(o, { ...o.body, [keyOf(o, i)]: value }, `${keyOf(o, i)} = ${JSON.stringify(value)?.slice(0, 60)}`),
        ),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(op, fieldName, anyJson).map(([o, name, value]) => {
        const body: Record<string, unknown> = { ...o.body };
        Object.defineProperty(body, name, { value, enumerable: true, configurable: true, writable: true });
        return withBody(o, body, `unknown field ${JSON.stringify(name)}`);
      }),
    },
    { weight: 2, arbitrary: fc.tuple(op, anyJson).map(([o, body]) => withBody(o, body, 'other JSON')) },
    {
      weight: 2,
      arbitrary: fc.tuple(op, fc.nat(), fc.string({ maxLength: 20 })).map(([o, cut, junk]) => {
        const text = JSON.stringify(o.body ?? {});
        return {
          method: o.method,
          path: o.path,
          contentType: 'application/json',
          body: text.slice(0, cut % (text.length + 1)) + junk,
          how: 'malformed JSON',
        };
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(op, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', undefined))
        .map(([o, type]) => ({
          method: o.method,
          path: o.path,
          contentType: type,
          body: JSON.stringify(o.body ?? {}),
          how: `content-type ${type}`,
        })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(op, fc.constantFrom(...METHODS)).map(([o, method]) => ({ ...withBody(o, o.body, `method ${method}`), method })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(op, fc.nat(), segment).map(([o, i, seg]) => {
        const parts = o.path.split('/');
        const at = 1 + (i % (parts.length - 1));
        parts[at] = seg;
        return { ...withBody(o, o.body, `path ${parts.join('/')}`), path: parts.join('/') };
      }),
    },
  );
}

/** The `Request` for a fuzz request against `base`. GET and HEAD carry no body. */
export function toRequest(base: string, r: FuzzRequest): Request {
  const init: RequestInit = { method: r.method };
  if (r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD') {
    init.body = r.body;
    init.headers = r.contentType ? { 'content-type': r.contentType } : {};
  }
  return new Request(base + r.path, init);
}

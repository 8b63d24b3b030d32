import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { deepStrictEqual, equal, match } from 'node:assert/strict';
import { startEmbeddedToxiproxy } from '../chaos/embedded/index.js';
import { call, type RawResponse } from '../chaos/embedded/test-support/api.js';
import { CaseCounter, fuzzSettings } from './support/fuzz.js';

// The embedded Toxiproxy API fed random bodies answers what Toxiproxy 2.12.0
// answers: the oracle below predicts status, error text and success body
// from Toxiproxy's rules (chaos/embedded/README.md lists where the embedded
// server differs), with a model of the names already taken.

/** A JSON object written key by key, so keys can repeat and change case as Go allows. */
type Pairs = readonly (readonly [string, unknown])[];
const objectText = (pairs: Pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;

/** What the reference answers. `error` is the exact message, or a prefix (RegExp). */
interface Expected {
  readonly status: number;
  readonly error?: string | RegExp;
  readonly check?: (body: unknown) => void;
}

const TOXIC_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  latency: ['latency', 'jitter'],
  bandwidth: ['rate'],
  slow_close: ['delay'],
  timeout: ['timeout'],
  reset_peer: ['timeout'],
  slicer: ['average_size', 'size_variation', 'delay'],
  limit_data: ['bytes'],
  noop: [],
};
const TYPE_ERROR = /^bad request body: json: cannot unmarshal /;

/** Go's case-insensitive field matching: every value given for `field`, in order (null means "not given"). */
function valuesOf(pairs: Pairs, field: string): unknown[] {
  return pairs.filter(([k]) => k.toLowerCase() === field).map(([, v]) => v);
}
const lastGiven = (pairs: Pairs, field: string) =>
  valuesOf(pairs, field)
    .filter((v) => v !== null)
    .at(-1);
const anyWrong = (pairs: Pairs, field: string, ok: (v: unknown) => boolean) => valuesOf(pairs, field).some((v) => v !== null && !ok(v));
const isString = (v: unknown) => typeof v === 'string';

/** The reference's answer to `POST /proxies/{p}/toxics` (AddToxicJson: decode, stream, type, name taken, attributes). */
function expectToxicCreate(pairs: Pairs, taken: Set<string>): Expected {
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (
    anyWrong(pairs, 'name', isString) ||
    anyWrong(pairs, 'type', isString) ||
    anyWrong(pairs, 'stream', isString) ||
    anyWrong(pairs, 'toxicity', (v) => typeof v === 'number') ||
    anyWrong(pairs, 'attributes', isObject)
  ) {
    return { status: 400, error: TYPE_ERROR };
  }
  const stream = (lastGiven(pairs, 'stream') as string | undefined) ?? 'downstream';
  if (!['upstream', 'downstream'].includes(stream.toLowerCase())) {
    return { status: 400, error: 'stream was invalid, can be either upstream or downstream' };
  }
  const type = (lastGiven(pairs, 'type') as string | undefined) ?? '';
  const given = (lastGiven(pairs, 'name') as string | undefined) ?? '';
  const name = given === '' ? `${type}_${stream}` : given;
  if (!Object.hasOwn(TOXIC_ATTRIBUTES, type)) return { status: 400, error: 'invalid toxic type' };
  if (taken.has(name)) return { status: 409, error: 'toxic already exists' };
  const attributes = Object.fromEntries(TOXIC_ATTRIBUTES[type]!.map((a) => [a, 0]));
  for (const object of valuesOf(pairs, 'attributes').filter(isObject) as Record<string, unknown>[]) {
    for (const [key, value] of Object.entries(object)) {
      if (!Object.hasOwn(attributes, key) || value === null) continue;
      if (!Number.isInteger(value)) return { status: 400, error: TYPE_ERROR };
      attributes[key] = value as number;
    }
  }
  const toxicity = (lastGiven(pairs, 'toxicity') as number | undefined) ?? 1;
  taken.add(name);
  return {
    status: 200,
    check: (body) => {
      deepStrictEqual(Object.keys(body as object), ['attributes', 'name', 'type', 'stream', 'toxicity']);
      deepStrictEqual(body, { attributes, name, type, stream, toxicity });
      deepStrictEqual(Object.keys((body as { attributes: object }).attributes), TOXIC_ATTRIBUTES[type]);
    },
  };
}

/** The reference's answer to `POST /proxies` (decode, name, upstream, name taken, listen when enabled). */
function expectProxyCreate(pairs: Pairs, taken: Set<string>): Expected {
  if (
    anyWrong(pairs, 'name', isString) ||
    anyWrong(pairs, 'listen', isString) ||
    anyWrong(pairs, 'upstream', isString) ||
    anyWrong(pairs, 'enabled', (v) => typeof v === 'boolean')
  ) {
    return { status: 400, error: TYPE_ERROR };
  }
  const name = (lastGiven(pairs, 'name') as string | undefined) ?? '';
  const listen = (lastGiven(pairs, 'listen') as string | undefined) ?? '';
  const upstream = (lastGiven(pairs, 'upstream') as string | undefined) ?? '';
  const enabled = (lastGiven(pairs, 'enabled') as boolean | undefined) ?? true;
  if (name === '') return { status: 400, error: 'missing required field: name' };
  if (upstream === '') return { status: 400, error: 'missing required field: upstream' };
  if (taken.has(name)) return { status: 409, error: 'proxy already exists' };
  if (enabled && listen !== '127.0.0.1:0') return { status: 500, error: /^listen tcp: / };
  taken.add(name);
  return {
    status: 201,
    check: (body) => {
      const { listen: shown, ...rest } = body as { listen: string };
      deepStrictEqual(Object.keys(body as object), ['name', 'listen', 'upstream', 'enabled', 'Logger', 'toxics']);
      deepStrictEqual(rest, { name, upstream, enabled, Logger: {}, toxics: [] });
      // A started proxy shows the address actually bound; a disabled one the text given.
      if (enabled) match(shown, /^127\.0\.0\.1:[1-9]\d*$/);
      else equal(shown, listen);
    },
  };
}

/** Checks an answer against the reference's: status, and for errors the exact body and headers of Go's `http.Error`. */
function expectReference(response: RawResponse, expected: Expected, what: string): void {
  // node:assert, not expect(): thousands of checks per fuzzer.
  const where = (m: string) => `${what}: ${m}; got ${response.status} ${response.body}`;
  equal(response.status, expected.status, where('status'));
  match(response.headers.get('x-toxiproxy-request-id') ?? '', /^[0-9a-v]{20}$/, where('request id'));
  if (expected.error !== undefined) {
    equal(response.headers.get('content-type'), 'text/plain; charset=utf-8', where('content type'));
    equal(response.headers.get('x-content-type-options'), 'nosniff', where('nosniff'));
    equal(response.body.endsWith('\n'), true, where('trailing newline'));
    const body = JSON.parse(response.body) as { error: string; status: number };
    deepStrictEqual(Object.keys(body), ['error', 'status'], where('error body fields'));
    equal(body.status, expected.status, where('error body status'));
    if (typeof expected.error === 'string') equal(body.error, expected.error, where('error'));
    else match(body.error, expected.error, where('error'));
  } else {
    equal(response.headers.get('content-type'), 'application/json', where('content type'));
    equal(response.body.endsWith('\n'), false, where('no trailing newline'));
    expected.check?.(JSON.parse(response.body));
  }
}

const wrongType = fc.constantFrom<unknown>(5, true, [], {}, [1], 'x', null);
const key = (name: string) => fc.constantFrom(name, name.toUpperCase(), name[0]!.toUpperCase() + name.slice(1));
const toxicPair = fc.oneof(
  fc.tuple(key('name'), fc.oneof(fc.constantFrom('a', 'b', '', 'latency_downstream', 'timeout_upstream'), wrongType)),
  fc.tuple(key('type'), fc.oneof(fc.constantFrom(...Object.keys(TOXIC_ATTRIBUTES), 'warp', ''), wrongType)),
  fc.tuple(key('stream'), fc.oneof(fc.constantFrom('upstream', 'downstream', 'UPSTREAM', 'Downstream', 'sideways', ''), wrongType)),
  fc.tuple(key('toxicity'), fc.oneof(fc.constantFrom(0, 0.5, 1, 2.5, -1), wrongType)),
  fc.tuple(fc.constantFrom('bogus', 'extra'), fc.jsonValue({ maxDepth: 1 })),
);
const attributesPair = fc.tuple(
  fc.constant('attributes'),
  fc.oneof(
    fc.dictionary(
      fc.constantFrom('latency', 'jitter', 'rate', 'delay', 'timeout', 'bytes', 'average_size', 'bogus'),
      fc.oneof(fc.integer({ min: -1000, max: 100_000 }), fc.constantFrom<unknown>(1.5, '1', true, null)),
      { maxKeys: 3 },
    ),
    fc.constantFrom<unknown>('x', 5, [], true),
  ),
);
const validToxic = fc
  .tuple(
    fc.constantFrom(...Object.keys(TOXIC_ATTRIBUTES)),
    fc.option(fc.constantFrom('upstream', 'downstream', 'UPSTREAM'), { nil: undefined }),
    fc.option(fc.constantFrom('a', 'b', ''), { nil: undefined }),
    fc.option(fc.constantFrom(0, 0.5, 1, 2.5), { nil: undefined }),
    fc.option(
      fc.dictionary(
        fc.constantFrom('latency', 'jitter', 'rate', 'delay', 'timeout', 'bytes', 'average_size', 'bogus'),
        fc.integer({ min: -5, max: 1000 }),
        { maxKeys: 3 },
      ),
      { nil: undefined },
    ),
  )
  .map(([type, stream, name, toxicity, attributes]) => {
    const pairs: [string, unknown][] = [['type', type]];
    if (stream !== undefined) pairs.push(['stream', stream]);
    if (name !== undefined) pairs.push(['name', name]);
    if (toxicity !== undefined) pairs.push(['toxicity', toxicity]);
    if (attributes !== undefined) pairs.push(['attributes', attributes]);
    return pairs;
  });
// A valid body with up to three fields added, repeated, recased or mistyped; sometimes random pairs only.
const toxicBody: fc.Arbitrary<Pairs> = fc.oneof(
  fc.tuple(validToxic, fc.array(fc.tuple(fc.oneof(toxicPair, attributesPair), fc.nat()), { maxLength: 3 })).map(([pairs, noise]) => {
    const all = [...pairs];
    for (const [pair, at] of noise) all.splice(at % (all.length + 1), 0, pair);
    return all;
  }),
  fc.array(fc.oneof(toxicPair, toxicPair, attributesPair), { maxLength: 5 }),
);

const proxyPair = fc.oneof(
  fc.tuple(key('name'), fc.oneof(fc.constantFrom('p1', 'p2', 'p3', ''), wrongType)),
  fc.tuple(key('listen'), fc.oneof(fc.constantFrom('127.0.0.1:0', '127.0.0.1:99999'), wrongType)),
  fc.tuple(key('upstream'), fc.oneof(fc.constantFrom('127.0.0.1:9', ''), wrongType)),
  fc.tuple(key('enabled'), fc.oneof(fc.boolean(), wrongType)),
  // Not `Logger` or `toxics`: Go decodes those into fields of its Proxy struct, which the reference does not describe.
  fc.tuple(fc.constantFrom('bogus', 'extra'), fc.jsonValue({ maxDepth: 1 })),
);
// A name is always given a listen, so nothing ever binds a wildcard address.
const proxyBody: fc.Arbitrary<Pairs> = fc
  .tuple(
    fc.constantFrom('p1', 'p2', 'p3'),
    fc.option(fc.boolean(), { nil: undefined }),
    fc.array(fc.tuple(proxyPair, fc.nat()), { maxLength: 3 }),
  )
  .map(([name, enabled, noise]) => {
    const all: (readonly [string, unknown])[] = [
      ['name', name],
      ['listen', '127.0.0.1:0'],
      ['upstream', '127.0.0.1:9'],
    ];
    if (enabled !== undefined) all.push(['enabled', enabled]);
    for (const [pair, at] of noise) all.splice(1 + (at % all.length), 0, pair);
    return all;
  });

// Text that is not JSON, starting with a letter Go's scanner names in its error.
const notJson = fc
  .tuple(fc.constantFrom(...'abcdeghijklmopqrsuvwxyzABCXYZ'), fc.string({ maxLength: 20 }))
  .map(([first, rest]) => first + rest);

test('fuzz: POST /proxies/{p}/toxics with random bodies answers as the reference', async ({}, testInfo) => {
  const counter = new CaseCounter('embedded Toxiproxy toxics API vs the reference');
  await using toxiproxy = await startEmbeddedToxiproxy();
  expect((await call(toxiproxy.url, 'POST', '/proxies', '{"name":"p","listen":"127.0.0.1:0","upstream":"127.0.0.1:9"}')).status).toBe(201);
  let runs = 0;
  const request = fc.oneof(
    { weight: 10, arbitrary: toxicBody.map((pairs) => ({ pairs, proxy: 'p' })) },
    { weight: 1, arbitrary: toxicBody.map((pairs) => ({ pairs, proxy: 'nope' })) },
    { weight: 1, arbitrary: notJson.map((text) => ({ text, proxy: 'p' })) },
  );
  await fc.assert(
    fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 6 }), async (requests) => {
      runs++;
      // POST /reset removes every toxic and keeps the proxy: a fresh model per run.
      expect((await call(toxiproxy.url, 'POST', '/reset')).status).toBe(204);
      const taken = new Set<string>();
      for (const r of requests) {
        counter.count++;
        const text = 'pairs' in r ? objectText(r.pairs) : r.text;
        const expected: Expected =
          r.proxy === 'nope'
            ? { status: 404, error: 'proxy not found' }
            : 'pairs' in r
              ? expectToxicCreate(r.pairs, taken)
              : { status: 400, error: `bad request body: invalid character '${r.text[0]}' looking for beginning of value` };
        counter.saw(expected.status);
        expectReference(
          await call(toxiproxy.url, 'POST', `/proxies/${r.proxy}/toxics`, text),
          expected,
          `POST /proxies/${r.proxy}/toxics ${text}`,
        );
      }
      // The toxics listed are exactly those the model says were created.
      const listed = JSON.parse((await call(toxiproxy.url, 'GET', '/proxies/p/toxics')).body) as { name: string }[];
      expect(new Set(listed.map((t) => t.name))).toEqual(taken);
    }),
    fuzzSettings(150, 8_000),
  );
  counter.report(testInfo, `${runs} sessions`);
  expect(counter.seen.get(200) ?? 0).toBeGreaterThan(0);
  expect(counter.seen.get(400) ?? 0).toBeGreaterThan(0);
});

test('fuzz: POST /proxies with random bodies answers as the reference', async ({}, testInfo) => {
  const counter = new CaseCounter('embedded Toxiproxy proxies API vs the reference');
  await using toxiproxy = await startEmbeddedToxiproxy();
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.oneof(
          { weight: 6, arbitrary: proxyBody.map((p) => ({ pairs: p })) },
          { weight: 1, arbitrary: notJson.map((t) => ({ text: t })) },
          { weight: 1, arbitrary: fc.constant({ text: '' }) },
        ),
        { minLength: 1, maxLength: 5 },
      ),
      async (bodies) => {
        const taken = new Set<string>();
        for (const body of bodies) {
          counter.count++;
          const text = 'pairs' in body ? objectText(body.pairs) : body.text;
          const expected: Expected =
            'pairs' in body
              ? expectProxyCreate(body.pairs, taken)
              : body.text === ''
                ? { status: 400, error: 'bad request body: EOF' }
                : { status: 400, error: `bad request body: invalid character '${body.text[0]}' looking for beginning of value` };
          counter.saw(expected.status);
          expectReference(await call(toxiproxy.url, 'POST', '/proxies', text), expected, `POST /proxies ${text}`);
        }
        const index = JSON.parse((await call(toxiproxy.url, 'GET', '/proxies')).body) as Record<string, unknown>;
        expect(new Set(Object.keys(index))).toEqual(taken);
        // POST /reset keeps proxies; delete them for the next run.
        for (const name of taken) expect((await call(toxiproxy.url, 'DELETE', `/proxies/${name}`)).status).toBe(204);
      },
    ),
    fuzzSettings(200),
  );
  counter.report(testInfo);
  expect(counter.seen.get(201) ?? 0).toBeGreaterThan(0);
  expect(counter.seen.get(409) ?? 0).toBeGreaterThan(0);
});

test('a repeated "attributes" key merges as Go decodes it (found by the fuzzer)', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  await call(toxiproxy.url, 'POST', '/proxies', '{"name":"p","listen":"127.0.0.1:0","upstream":"127.0.0.1:9"}');
  const created = await call(
    toxiproxy.url,
    'POST',
    '/proxies/p/toxics',
    '{"type":"latency","attributes":{"latency":5},"attributes":{"jitter":3}}',
  );
  expect(created.body).toBe(
    '{"attributes":{"latency":5,"jitter":3},"name":"latency_downstream","type":"latency","stream":"downstream","toxicity":1}',
  );
});

// Router answers, from the reference: an unknown path (trailing slash included) is
// `404 page not found`; a known path with the wrong method is a bare 405; a route
// about a proxy that does not exist is `proxy not found`. None carries a request id
// except the last, which reached a handler.
const ROUTES: readonly (readonly [string, string])[] = [
  ['POST', '/reset'],
  ['GET', '/proxies'],
  ['POST', '/proxies'],
  ['POST', '/populate'],
  ['GET', '/proxies/{p}'],
  ['POST', '/proxies/{p}'],
  ['PATCH', '/proxies/{p}'],
  ['DELETE', '/proxies/{p}'],
  ['GET', '/proxies/{p}/toxics'],
  ['POST', '/proxies/{p}/toxics'],
  ['GET', '/proxies/{p}/toxics/{t}'],
  ['POST', '/proxies/{p}/toxics/{t}'],
  ['PATCH', '/proxies/{p}/toxics/{t}'],
  ['DELETE', '/proxies/{p}/toxics/{t}'],
  ['GET', '/version'],
];
const templateOf = (path: string) => path.replace(/^\/proxies\/[^/]+/, '/proxies/{p}').replace(/\/toxics\/[^/]+$/, '/toxics/{t}');

test('fuzz: random methods and paths get the router answers of the reference', async ({}, testInfo) => {
  const counter = new CaseCounter('embedded Toxiproxy router vs the reference');
  await using toxiproxy = await startEmbeddedToxiproxy();
  const name = fc.stringMatching(/^[A-Za-z0-9_~-]{1,12}$/).filter((n) => n !== 'toxics');
  const path = fc.oneof(
    fc.constantFrom('/reset', '/proxies', '/populate', '/version', '/metrics', '/proxies/', '/', '/toxics', '/version/'),
    name.map((p) => `/proxies/${p}`),
    name.map((p) => `/proxies/${p}/toxics`),
    fc.tuple(name, name).map(([p, t]) => `/proxies/${p}/toxics/${t}`),
    fc.tuple(name, name).map(([p, t]) => `/proxies/${p}/${t}`),
    fc.tuple(name, name, name).map(([p, t, x]) => `/proxies/${p}/toxics/${t}/${x}`),
    name.map((x) => `/${x}`),
  );
  const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS');
  await fc.assert(
    fc.asyncProperty(method, path, async (m, p) => {
      const template = templateOf(p);
      const known = ROUTES.filter(([, t]) => t === template);
      const route = known.find(([rm]) => rm === m);
      // Only what the reference pins down without a body: routes about a missing proxy, and the router's own answers.
      if (route && !template.includes('{p}')) return;
      counter.count++;
      const response = await fetch(toxiproxy.url + p, { method: m, body: m === 'GET' || m === 'HEAD' ? undefined : '' });
      const body = await response.text();
      const where = `${m} ${p}: got ${response.status} ${body}`;
      counter.saw(response.status);
      if (route) {
        equal(response.status, 404, where);
        equal(body, '{"error":"proxy not found","status":404}\n', where);
        match(response.headers.get('x-toxiproxy-request-id') ?? '', /^[0-9a-v]{20}$/, where);
      } else if (known.length > 0) {
        equal(response.status, 405, where);
        equal(body, '', where);
        equal(response.headers.get('content-type'), null, where);
        equal(response.headers.get('x-toxiproxy-request-id'), null, where);
      } else {
        equal(response.status, 404, where);
        if (m !== 'HEAD') equal(body, '404 page not found\n', where);
        equal(response.headers.get('content-type'), 'text/plain; charset=utf-8', where);
        equal(response.headers.get('x-toxiproxy-request-id'), null, where);
      }
    }),
    fuzzSettings(400),
  );
  counter.report(testInfo);
  expect(counter.seen.get(405) ?? 0).toBeGreaterThan(0);
});

// `/populate` from the reference: a JSON array of proxies, every entry checked for
// name then upstream before anything is created; its errors are JSON (not
// http.Error text) with `"proxies":null`; success is 201 `{"proxies":[...]}`,
// `null` for an empty array; a proxy given again is kept or replaced, never doubled.
test('fuzz: POST /populate with random arrays answers as the reference', async ({}, testInfo) => {
  const counter = new CaseCounter('embedded Toxiproxy /populate vs the reference');
  await using toxiproxy = await startEmbeddedToxiproxy();
  const entry = fc.record(
    {
      name: fc.constantFrom('q1', 'q2', 'q3', ''),
      listen: fc.constant('127.0.0.1:0'),
      upstream: fc.constantFrom('127.0.0.1:9', '127.0.0.1:7', ''),
      enabled: fc.boolean(),
    },
    { requiredKeys: ['listen'] },
  );
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(entry, { maxLength: 4 }), { minLength: 1, maxLength: 3 }), async (batches) => {
      const existing = new Set<string>();
      for (const batch of batches) {
        counter.count++;
        const response = await call(toxiproxy.url, 'POST', '/populate', JSON.stringify(batch));
        const where = `POST /populate ${JSON.stringify(batch)}: got ${response.status} ${response.body}`;
        const missing = batch.findIndex((p) => !p.name || !p.upstream);
        equal(response.headers.get('content-type'), 'application/json', where);
        equal(response.body.endsWith('\n'), false, where);
        match(response.headers.get('x-toxiproxy-request-id') ?? '', /^[0-9a-v]{20}$/, where);
        if (missing >= 0) {
          counter.saw(400);
          const field = batch[missing]!.name ? 'upstream' : 'name';
          equal(response.status, 400, where);
          equal(response.body, `{"error":"missing required field: ${field} at proxy ${missing + 1}","status":400,"proxies":null}`, where);
          continue;
        }
        counter.saw(201);
        equal(response.status, 201, where);
        const body = JSON.parse(response.body) as { proxies: { name: string }[] | null };
        deepStrictEqual(Object.keys(body), ['proxies'], where);
        if (batch.length === 0) equal(body.proxies, null, where);
        else
          deepStrictEqual(
            body.proxies!.map((p) => p.name),
            batch.map((p) => p.name),
            where,
          );
        for (const p of batch) existing.add(p.name!); // checked above: a batch with a missing name is refused
      }
      const index = JSON.parse((await call(toxiproxy.url, 'GET', '/proxies')).body) as Record<string, unknown>;
      deepStrictEqual(new Set(Object.keys(index)), existing);
      for (const name of existing) equal((await call(toxiproxy.url, 'DELETE', `/proxies/${name}`)).status, 204);
    }),
    fuzzSettings(150, 6_000),
  );
  counter.report(testInfo);
  expect(counter.seen.get(201) ?? 0).toBeGreaterThan(0);
  expect(counter.seen.get(400) ?? 0).toBeGreaterThan(0);
});

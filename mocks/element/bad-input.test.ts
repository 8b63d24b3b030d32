import { test, expect } from '@playwright/test';
import { serveHandler, type StartedServer } from '../http/serve.js';
import { startElementWorld, type ElementWorld } from '../../tests/support/element-world.js';
import { contractViolation, type CheckedProblem } from '../../tests/support/problem-check.js';

// Bad input for every element API: malformed JSON, wrong types,
// unknown fields, bodies over the size limit, unknown IMSIs and requests in
// the wrong state get a 4xx problem+json naming the field and the reason;
// the element keeps serving and its state is unchanged.

const LIMIT = 4096;

interface BadCase {
  readonly name: string;
  readonly element: 'hlr' | 'vlr' | 'billing' | 'faults';
  readonly method?: string;
  readonly path: (w: ElementWorld) => string;
  /** A JSON value to send, or a raw string (sent as is). */
  readonly body?: (w: ElementWorld) => unknown;
  readonly raw?: string;
  readonly contentType?: string;
  readonly status: number;
  /** Field paths the problem must name, and a pattern its reason must match. */
  readonly fields: readonly string[];
  readonly reason: RegExp;
}

const event = (w: ElementWorld, over: Record<string, unknown> = {}) => ({
  idempotencyKey: 'bad-1',
  kind: 'event',
  sessionId: 'sms-1',
  imsi: w.roamer.imsi,
  visitedPlmn: '208-01',
  service: 'sms',
  at: 1,
  usage: { messages: 1 },
  ...over,
});

const CASES: readonly BadCase[] = [
  // Malformed JSON
  {
    name: 'malformed JSON',
    element: 'hlr',
    path: () => '/hlr/v1/auth-info',
    raw: '{"imsi": "2620',
    status: 400,
    fields: [''],
    reason: /malformed JSON/,
  },
  {
    name: 'malformed JSON',
    element: 'vlr',
    path: () => '/vlr/v1/attach',
    raw: '{imsi: 1}',
    status: 400,
    fields: [''],
    reason: /malformed JSON/,
  },
  {
    name: 'malformed JSON',
    element: 'billing',
    path: () => '/billing/v1/charging-events',
    raw: '[',
    status: 400,
    fields: [''],
    reason: /malformed JSON/,
  },
  {
    name: 'malformed JSON',
    element: 'faults',
    method: 'PUT',
    path: () => '/admin/v1/faults',
    raw: 'nul',
    status: 400,
    fields: [''],
    reason: /malformed JSON/,
  },
  // Not JSON at all
  {
    name: 'a form body',
    element: 'vlr',
    path: () => '/vlr/v1/detach',
    raw: 'imsi=1',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
    fields: [''],
    reason: /content-type/,
  },
  // Wrong types
  {
    name: 'a number for the IMSI',
    element: 'hlr',
    path: () => '/hlr/v1/update-location',
    body: () => ({ imsi: 262011234567890, vlrNumber: 'v', visitedPlmn: '208-01' }),
    status: 400,
    fields: ['imsi'],
    reason: /string/,
  },
  {
    name: 'a string count',
    element: 'hlr',
    path: () => '/hlr/v1/auth-info',
    body: (w) => ({ imsi: w.roamer.imsi, count: '2' }),
    status: 400,
    fields: ['count'],
    reason: /number/,
  },
  {
    name: 'fractional bytes',
    element: 'vlr',
    path: (w) => `/vlr/v1/data-sessions/${w.sessionId}/usage`,
    body: () => ({ bytesUp: 1.5, bytesDown: 0 }),
    status: 400,
    fields: ['bytesUp'],
    reason: /whole number of bytes/,
  },
  {
    name: 'negative bytes',
    element: 'vlr',
    path: (w) => `/vlr/v1/data-sessions/${w.sessionId}/close`,
    body: () => ({ bytesUp: 0, bytesDown: -1 }),
    status: 400,
    fields: ['bytesDown'],
    reason: />=\s*0|too small/i,
  },
  {
    name: 'a bad challenge answer kind',
    element: 'vlr',
    path: (w) => `/vlr/v1/attach/${w.transactionId}/response`,
    body: () => ({ kind: 'yes' }),
    status: 400,
    fields: ['kind'],
    reason: /./,
  },
  {
    name: 'a RES that is not hex',
    element: 'vlr',
    path: (w) => `/vlr/v1/attach/${w.transactionId}/response`,
    body: () => ({ kind: 'response', res: 'zz' }),
    status: 400,
    fields: ['res'],
    reason: /RES: 8 to 32 hex digits/,
  },
  {
    name: 'a PLMN id in the wrong form',
    element: 'vlr',
    path: (w) => `/vlr/v1/calls/${w.callId}/handover`,
    body: () => ({ targetPlmn: '20810' }),
    status: 400,
    fields: ['targetPlmn'],
    reason: /PLMN id/,
  },
  {
    name: 'a dialled number with letters',
    element: 'vlr',
    path: () => '/vlr/v1/calls/originate',
    body: (w) => ({ imsi: w.roamer.imsi, otherParty: 'bob' }),
    status: 400,
    fields: ['otherParty'],
    reason: /dialled number/,
  },
  {
    name: 'too many SMS segments',
    element: 'vlr',
    path: () => '/vlr/v1/short-messages/submit',
    body: (w) => ({ imsi: w.roamer.imsi, otherParty: '+33612345678', segments: 100_000 }),
    status: 400,
    fields: ['segments'],
    reason: /./,
  },
  {
    name: 'an unknown cancel reason',
    element: 'vlr',
    path: () => '/vlr/v1/cancel-location',
    body: (w) => ({ imsi: w.roamer.imsi, reason: 'because' }),
    status: 400,
    fields: ['reason'],
    reason: /./,
  },
  {
    name: 'a handover leg of 0',
    element: 'vlr',
    path: () => '/vlr/v1/handovers',
    body: (w) => ({
      imsi: w.roamer.imsi,
      msisdn: w.roamer.msisdn,
      callId: 'c',
      leg: 0,
      direction: 'mo',
      otherParty: '+33612345678',
      fromPlmn: '208-10',
    }),
    status: 400,
    fields: ['leg'],
    reason: /./,
  },
  {
    name: 'a negative time',
    element: 'billing',
    path: () => '/billing/v1/charging-events',
    body: (w) => event(w, { at: -1 }),
    status: 400,
    fields: ['at'],
    reason: /./,
  },
  {
    name: 'an error status below 400',
    element: 'faults',
    method: 'PUT',
    path: () => '/admin/v1/faults',
    body: () => ({ kind: 'error', status: 200 }),
    status: 400,
    fields: ['status'],
    reason: /./,
  },
  // Missing body
  { name: 'no body', element: 'vlr', path: () => '/vlr/v1/location-update', status: 400, fields: [''], reason: /./ },
  // Unknown fields
  {
    name: 'an unknown field',
    element: 'hlr',
    path: () => '/hlr/v1/purge',
    body: (w) => ({ imsi: w.roamer.imsi, vlrNumber: 'vlr-208-01', force: true }),
    status: 400,
    fields: ['force'],
    reason: /unknown field/,
  },
  {
    name: 'an unknown field',
    element: 'vlr',
    path: () => '/vlr/v1/attach',
    body: (w) => ({ imsi: w.homebody.imsi, imei: '35693803564380' }),
    status: 400,
    fields: ['imei'],
    reason: /unknown field/,
  },
  {
    name: 'an unknown nested field',
    element: 'billing',
    path: () => '/billing/v1/charging-events',
    body: (w) => event(w, { usage: { messages: 1, euros: 3 } }),
    status: 400,
    fields: ['usage.euros'],
    reason: /unknown field/,
  },
  {
    name: 'an unknown field',
    element: 'faults',
    method: 'PUT',
    path: () => '/admin/v1/faults',
    body: () => ({ kind: 'slow', delayMs: 1, forever: true }),
    status: 400,
    fields: ['forever'],
    reason: /unknown field/,
  },
  // Bad path parameters
  {
    name: 'a path IMSI that is not one',
    element: 'hlr',
    method: 'GET',
    path: () => '/admin/v1/subscribers/12ab',
    status: 400,
    fields: ['imsi'],
    reason: /IMSI/,
  },
  {
    name: 'an id over 200 characters',
    element: 'vlr',
    path: () => `/vlr/v1/calls/${'c'.repeat(201)}/release`,
    status: 400,
    fields: ['callId'],
    reason: /200 characters/,
  },
  // Unknown IMSIs
  {
    name: 'an unknown IMSI',
    element: 'hlr',
    path: () => '/hlr/v1/auth-info',
    body: () => ({ imsi: '262010000000000' }),
    status: 403,
    fields: ['imsi'],
    reason: /IMSI_UNKNOWN/,
  },
  {
    name: 'an unknown IMSI',
    element: 'hlr',
    method: 'GET',
    path: () => '/admin/v1/subscribers/262010000000000',
    status: 404,
    fields: ['imsi'],
    reason: /no subscriber/,
  },
  {
    name: 'an unknown IMSI',
    element: 'vlr',
    path: () => '/vlr/v1/attach',
    body: () => ({ imsi: '262010000000000' }),
    status: 403,
    fields: ['imsi'],
    reason: /IMSI_UNKNOWN/,
  },
  {
    name: 'an IMSI not registered here',
    element: 'vlr',
    path: () => '/vlr/v1/calls/originate',
    body: (w) => ({ imsi: w.homebody.imsi, otherParty: '+33612345678' }),
    status: 403,
    fields: ['imsi'],
    reason: /IMSI_UNKNOWN_IN_VLR/,
  },
  {
    name: 'an IMSI of another home network',
    element: 'billing',
    path: () => '/billing/v1/charging-events',
    body: (w) => event(w, { imsi: '208010000000001' }),
    status: 404,
    fields: ['imsi'],
    reason: /not a subscriber of 262-01/,
  },
  // Wrong state
  {
    name: 'provisioning an IMSI twice',
    element: 'hlr',
    path: () => '/admin/v1/subscribers',
    body: (w) => ({ imsi: w.roamer.imsi, msisdn: '+4915100000001', k: '00'.repeat(16), opc: '11'.repeat(16) }),
    status: 409,
    fields: ['imsi'],
    reason: /./,
  },
  {
    name: 'an answer to no pending attach',
    element: 'vlr',
    path: () => '/vlr/v1/attach/no-such-transaction/response',
    body: () => ({ kind: 'mac-failure' }),
    status: 404,
    fields: ['transactionId'],
    reason: /./,
  },
  {
    name: 'releasing a call that does not exist',
    element: 'vlr',
    path: () => '/vlr/v1/calls/no-such-call/release',
    status: 404,
    fields: ['callId'],
    reason: /./,
  },
  {
    name: 'usage on a session that does not exist',
    element: 'vlr',
    path: () => '/vlr/v1/data-sessions/no-such-session/usage',
    body: () => ({ bytesUp: 1, bytesDown: 1 }),
    status: 404,
    fields: ['sessionId'],
    reason: /./,
  },
  {
    name: 'a detach of a subscriber not attached here',
    element: 'vlr',
    path: () => '/vlr/v1/detach',
    body: (w) => ({ imsi: w.homebody.imsi }),
    status: 403,
    fields: ['imsi'],
    reason: /IMSI_UNKNOWN_IN_VLR/,
  },
  {
    name: 'a location update of a subscriber not attached here',
    element: 'vlr',
    path: () => '/vlr/v1/location-update',
    body: (w) => ({ imsi: w.homebody.imsi, kind: 'periodic' }),
    status: 403,
    fields: ['imsi'],
    reason: /IMSI_UNKNOWN_IN_VLR/,
  },
  {
    name: 'a reused idempotency key with other content',
    element: 'billing',
    path: () => '/billing/v1/charging-events',
    body: (w) => event(w, { idempotencyKey: 'taken', at: 99 }),
    status: 409,
    fields: ['idempotencyKey'],
    reason: /./,
  },
];

test.describe('bad input to every element API', () => {
  let world: ElementWorld;
  const servers: Record<string, StartedServer> = {};

  test.beforeAll(async () => {
    world = await startElementWorld();
    for (const [name, handler] of Object.entries(world.handlers)) servers[name] = await serveHandler(handler, { maxBodyBytes: LIMIT });
    // A key taken, for the conflict case.
    const taken = await post(servers['billing']!.url + '/billing/v1/charging-events', event(world, { idempotencyKey: 'taken' }));
    expect(taken.status).toBe(200);
  });
  test.afterAll(async () => {
    await Promise.all(Object.values(servers).map((s) => s.close()));
  });

  for (const c of CASES) {
    test(`${c.element}: ${c.name} -> ${c.status} naming ${c.fields.map((f) => f || '(body)').join(', ')}`, async () => {
      const server = servers[c.element]!;
      const before = await world.snapshot();
      const init: RequestInit = { method: c.method ?? 'POST' };
      if (c.raw !== undefined || c.body !== undefined) {
        init.body = c.raw ?? JSON.stringify(c.body!(world));
        init.headers = { 'content-type': c.contentType ?? 'application/json' };
      }
      const response = await fetch(server.url + c.path(world), init);
      expect(response.status).toBe(c.status);
      const problem = (await response.clone().json()) as CheckedProblem;
      expect(await contractViolation(response)).toBeUndefined();
      const paths = (problem.errors ?? []).map((e) => e.path);
      for (const field of c.fields) expect(paths, JSON.stringify(problem)).toContain(field);
      const reasons = [problem.detail, ...(problem.errors ?? []).map((e) => e.message)].join(' | ');
      expect(reasons).toMatch(c.reason);
      expect(await world.snapshot()).toBe(before);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    });
  }

  for (const element of ['hlr', 'vlr', 'billing', 'faults'] as const) {
    test(`${element}: a body over the ${LIMIT}-byte limit -> 413 problem, and the element keeps serving`, async () => {
      const server = servers[element]!;
      const before = await world.snapshot();
      const path = { hlr: '/hlr/v1/auth-info', vlr: '/vlr/v1/attach', billing: '/billing/v1/charging-events', faults: '/admin/v1/faults' }[
        element
      ];
      const response = await fetch(server.url + path, {
        method: element === 'faults' ? 'PUT' : 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ imsi: world.roamer.imsi, padding: 'x'.repeat(LIMIT * 4) }),
      });
      expect(response.status).toBe(413);
      const problem = (await response.clone().json()) as CheckedProblem;
      expect(await contractViolation(response)).toBeUndefined();
      expect(problem.errors).toEqual([{ path: '', message: `larger than the limit of ${LIMIT} bytes` }]);
      expect(await world.snapshot()).toBe(before);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    });
  }
});

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

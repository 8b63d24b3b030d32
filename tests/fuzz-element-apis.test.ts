import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { serveHandler } from '../mocks/http/serve.js';
import type { FetchHandler } from '../mocks/http/fetch-handler.js';
import { startElementWorld, type ElementWorld } from './support/element-world.js';
import { CaseCounter, fuzzSettings, requestArbitrary, toRequest, type ApiOperation, type FuzzRequest } from './support/fuzz.js';
import { contractViolation } from './support/problem-check.js';

// Every element API fed random and mutated requests: only 2xx, or a 4xx
// problem+json naming the field and the reason; never a 5xx or a crash;
// and a refused request leaves every element's state as it was.

type ElementName = 'hlr' | 'vlr' | 'billing' | 'faults';

function operations(w: ElementWorld, element: ElementName): ApiOperation[] {
  const imsi = w.roamer.imsi;
  const other = w.homebody.imsi;
  switch (element) {
    case 'hlr':
      return [
        { method: 'POST', path: '/hlr/v1/auth-info', body: { imsi, count: 2, vlrNumber: 'vlr-208-01' } },
        { method: 'POST', path: '/hlr/v1/auth-info', body: { imsi, resync: { rand: 'ab'.repeat(16), auts: 'cd'.repeat(14) } } },
        { method: 'POST', path: '/hlr/v1/update-location', body: { imsi: other, vlrNumber: 'vlr-208-01', visitedPlmn: '208-01' } },
        { method: 'POST', path: '/hlr/v1/purge', body: { imsi, vlrNumber: 'vlr-208-01' } },
        {
          method: 'POST',
          path: '/admin/v1/subscribers',
          body: {
            imsi: '262019999999999',
            msisdn: '+4915199999999',
            k: '00'.repeat(16),
            opc: '11'.repeat(16),
            sqn: 32,
            roaming: { allowed: true, networks: ['208-01'] },
            services: ['voice', 'sms'],
          },
        },
        { method: 'GET', path: `/admin/v1/subscribers/${imsi}` },
        { method: 'DELETE', path: `/admin/v1/subscribers/${other}` },
        { method: 'GET', path: '/healthz' },
      ];
    case 'vlr':
      return [
        { method: 'POST', path: '/vlr/v1/attach', body: { imsi: other } },
        { method: 'POST', path: `/vlr/v1/attach/${w.transactionId}/response`, body: { kind: 'response', res: '0011223344556677' } },
        { method: 'POST', path: `/vlr/v1/attach/${w.transactionId}/response`, body: { kind: 'sync-failure', auts: 'ab'.repeat(14) } },
        { method: 'POST', path: '/vlr/v1/location-update', body: { imsi, kind: 'moving', lac: 42 } },
        { method: 'POST', path: '/vlr/v1/detach', body: { imsi } },
        { method: 'POST', path: '/vlr/v1/calls/originate', body: { imsi, otherParty: '+33612345678' } },
        { method: 'POST', path: '/vlr/v1/calls/deliver', body: { imsi, otherParty: '+33612345679' } },
        { method: 'POST', path: `/vlr/v1/calls/${w.callId}/release` },
        { method: 'POST', path: `/vlr/v1/calls/${w.callId}/handover`, body: { targetPlmn: '208-10' } },
        {
          method: 'POST',
          path: '/vlr/v1/handovers',
          body: { imsi, msisdn: w.roamer.msisdn, callId: 'c-9', leg: 2, direction: 'mo', otherParty: '+33612345678', fromPlmn: '208-10' },
        },
        { method: 'POST', path: '/vlr/v1/data-sessions', body: { imsi, apn: 'internet' } },
        { method: 'POST', path: `/vlr/v1/data-sessions/${w.sessionId}/usage`, body: { bytesUp: 100, bytesDown: 2000 } },
        { method: 'POST', path: `/vlr/v1/data-sessions/${w.sessionId}/close`, body: { bytesUp: 10, bytesDown: 20 } },
        { method: 'POST', path: '/vlr/v1/short-messages/submit', body: { imsi, otherParty: '+33612345678', segments: 2 } },
        { method: 'POST', path: '/vlr/v1/short-messages/deliver', body: { imsi, otherParty: '+33612345678' } },
        { method: 'POST', path: '/vlr/v1/cancel-location', body: { imsi, reason: 'updateProcedure' } },
        { method: 'GET', path: '/readyz' },
      ];
    case 'billing':
      return [
        {
          method: 'POST',
          path: '/billing/v1/charging-events',
          body: {
            idempotencyKey: 'k-1',
            kind: 'event',
            sessionId: 's-1',
            imsi,
            visitedPlmn: '208-01',
            service: 'sms',
            at: 5,
            usage: { messages: 1 },
          },
        },
        {
          method: 'POST',
          path: '/billing/v1/charging-events',
          body: { idempotencyKey: 'k-2', kind: 'start', sessionId: 's-2', imsi, visitedPlmn: '208-01', service: 'voice', at: 1 },
        },
        { method: 'GET', path: '/billing/v1/charging-events' },
        { method: 'GET', path: '/billing/v1/cdrs' },
        { method: 'GET', path: '/billing/v1/cdrs/rated' },
      ];
    case 'faults':
      return [
        { method: 'GET', path: '/admin/v1/faults' },
        { method: 'PUT', path: '/admin/v1/faults', body: { kind: 'error', status: 503, path: '/billing', count: 2 } },
        { method: 'PUT', path: '/admin/v1/faults', body: { kind: 'slow', delayMs: 10, count: 1 } },
        { method: 'DELETE', path: '/admin/v1/faults' },
      ];
  }
}

const RUNS: Record<ElementName, number> = { hlr: 300, vlr: 300, billing: 300, faults: 200 };

/** Sends each request; checks the answer and, for a refusal, that nothing changed. */
async function exercise(w: ElementWorld, handler: FetchHandler, requests: readonly FuzzRequest[], counter: CaseCounter): Promise<void> {
  for (const r of requests) {
    counter.count++;
    const before = await w.snapshot();
    let response: Response;
    try {
      response = await handler(toRequest('http://element.test', r));
    } catch (error) {
      throw new Error(`${r.method} ${r.path} (${r.how}) crashed the handler: ${String(error)}`);
    }
    const status = response.status;
    counter.saw(status);
    const text = await response.clone().text();
    const violation = await contractViolation(response);
    if (violation) throw new Error(`${r.method} ${r.path} (${r.how}) body ${r.body?.slice(0, 200)}: ${violation}`);
    if (status >= 400) {
      // A refusal names the field, never the subscriber: no IMSI or MSISDN in clear (nor a key).
      for (const secret of [w.roamer.imsi, w.homebody.imsi, w.roamer.msisdn.replace('+', ''), w.roamer.credentials.reveal().k]) {
        if (text.includes(secret))
          throw new Error(`${r.method} ${r.path} (${r.how}) answered ${status} with an identity or key in clear: ${text}`);
      }
      const after = await w.snapshot();
      if (after !== before) throw new Error(`${r.method} ${r.path} (${r.how}) was refused with ${status} but changed the state`);
    }
  }
}

for (const element of ['hlr', 'vlr', 'billing', 'faults'] as const) {
  test(`fuzz: the ${element} API answers random and mutated requests with 2xx or a 4xx problem, and refusals change nothing`, async ({}, testInfo) => {
    const counter = new CaseCounter(`${element} API (in-process)`);
    const template = await startElementWorld();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(requestArbitrary(operations(template, element)), { minLength: 1, maxLength: 6 }), async (requests) => {
        runs++;
        // A fresh world per run: each run is a short session against one element.
        const w = await startElementWorld();
        const byName = { ...w.handlers };
        // Ids are deterministic, so the template's requests name the same things in the fresh world.
        await exercise(w, byName[element], requests, counter);
      }),
      fuzzSettings(RUNS[element]),
    );
    counter.report(testInfo, `${runs} sessions`);
    // Not vacuous: valid requests were served and bad ones refused.
    expect(counter.seen.get(200) ?? counter.seen.get(201) ?? 0).toBeGreaterThan(0);
    expect(counter.seen.get(400) ?? 0).toBeGreaterThan(0);
  });
}

test('fuzz: over real sockets, every element answers mutated requests with 2xx or a 4xx problem and keeps serving', async ({}, testInfo) => {
  const counter = new CaseCounter('element APIs over HTTP');
  const w = await startElementWorld();
  for (const element of ['hlr', 'vlr', 'billing', 'faults'] as const) {
    await using server = await serveHandler(w.handlers[element], { maxBodyBytes: 4096 });
    // The socket's own path: the fetch is real, so is the body limit.
    const viaSocket: FetchHandler = (request) =>
      fetch(new Request(server.url + new URL(request.url).pathname + new URL(request.url).search, request));
    await fc.assert(
      fc.asyncProperty(fc.array(requestArbitrary(operations(w, element)), { minLength: 1, maxLength: 3 }), (requests) =>
        exercise(w, viaSocket, requests, counter),
      ),
      fuzzSettings(40, 2_000),
    );
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }
  counter.report(testInfo);
});

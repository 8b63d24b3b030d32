import { test, expect } from '@playwright/test';
import { LiteHeaders, LiteRequest, LiteResponse, isResponse, pathnameOf, toFetchResponse } from './lite-message.js';
import { json, problem } from './problem.js';
import { serveHandler } from './serve.js';

test('lite headers are case-insensitive and join repeated values, as the Fetch API does', () => {
  const headers = new LiteHeaders({ 'Content-Type': 'application/json', 'x-many': ['a', 'b'] });
  expect(headers.get('content-type')).toBe('application/json');
  expect(headers.get('X-Many')).toBe('a, b');
  headers.append('x-many', 'c');
  expect(headers.get('x-many')).toBe('a, b, c');
  expect(headers.get('missing')).toBeNull();
});

test('a lite request reads its body as text and JSON, as often as asked; an empty body is no body', async () => {
  const request = new LiteRequest({ method: 'POST', url: 'http://h/x', headers: new LiteHeaders(), body: '{"imsi":"262011234567890"}' });
  expect(await request.clone().json()).toEqual({ imsi: '262011234567890' });
  expect(await request.text()).toBe('{"imsi":"262011234567890"}');
  expect(new LiteRequest({ method: 'GET', url: 'http://h/x', headers: new LiteHeaders(), body: '' }).body).toBeNull();
  await expect(new LiteRequest({ method: 'POST', url: 'http://h/', headers: new LiteHeaders(), body: '{' }).json()).rejects.toThrow(
    SyntaxError,
  );
});

test('our answers are lite; MSW and other callers get a real Response with the same status, headers and body', async () => {
  const answer = problem(404, 'Not found', 'no such subscriber');
  expect(isResponse(answer)).toBe(true);
  expect(answer).toBeInstanceOf(LiteResponse);
  const real = toFetchResponse(answer);
  expect(real).toBeInstanceOf(Response);
  expect(real.status).toBe(404);
  expect(real.headers.get('content-type')).toBe('application/problem+json');
  expect(await real.json()).toMatchObject({ title: 'Not found', detail: 'no such subscriber', status: 404 });
  const already = new Response('x');
  expect(toFetchResponse(already)).toBe(already);
});

test('served over a socket, a lite answer arrives with its status, content type and length', async () => {
  await using server = await serveHandler(async (request) =>
    request.method === 'POST' ? json({ echoed: await request.json() }, 201) : json({ method: request.method }),
  );
  const posted = await fetch(`${server.url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
  expect(posted.status).toBe(201);
  expect(posted.headers.get('content-type')).toBe('application/json');
  expect(posted.headers.get('content-length')).toBe(String('{"echoed":{"a":1}}'.length));
  expect(await posted.json()).toEqual({ echoed: { a: 1 } });
  expect(await (await fetch(`${server.url}/x`)).json()).toEqual({ method: 'GET' });
});

test('a served request knows its path as the URL parser reads it: query dropped, dot segments and odd bytes resolved', async () => {
  await using server = await serveHandler(async (request) =>
    json({ pathname: pathnameOf(request), parsed: new URL(request.url).pathname }),
  );
  const { request: send } = await import('node:http');
  const pathFor = (target: string) =>
    new Promise<{ pathname: string; parsed: string }>((resolve, reject) => {
      send({ host: server.host, port: server.port, path: target }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(JSON.parse(text) as { pathname: string; parsed: string }));
      })
        .on('error', reject)
        .end();
    });
  for (const target of [
    '/hlr/v1/auth-info?x=1',
    '/a/../hlr/v1/x',
    '/a/%2E%2E/b',
    '/a/./b/.',
    '//double',
    '/sp%20ace',
    '/caf%C3%A9',
    '/a\\b',
  ]) {
    const seen = await pathFor(target);
    expect(seen.pathname, target).toBe(seen.parsed);
  }
  expect((await pathFor('/hlr/v1/auth-info?x=1')).pathname).toBe('/hlr/v1/auth-info');
  expect((await pathFor('/a/../hlr/v1/x')).pathname).toBe('/hlr/v1/x');
});

test('a lite request parses its JSON body once for every layer that reads it', () => {
  const request = new LiteRequest({ method: 'POST', url: 'http://h/x', headers: new LiteHeaders(), body: '{"imsi":"262011234567890"}' });
  expect(request.parsedJson()).toBe(request.parsedJson());
  expect(request.pathname).toBe('/x');
  const broken = new LiteRequest({ method: 'POST', url: 'http://h/x', headers: new LiteHeaders(), body: '{' });
  expect(() => broken.parsedJson()).toThrow(SyntaxError);
  expect(() => broken.parsedJson()).toThrow(SyntaxError);
});

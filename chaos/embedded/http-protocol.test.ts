import { test, expect } from '@playwright/test';
import { request as httpRequest } from 'node:http';
import { startEmbeddedToxiproxy } from './index.js';
import { call, errorBody } from './test-support/api.js';

test('unknown paths, trailing slashes included, get the router 404 without a request id', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  for (const path of ['/nope', '/proxies/', '/metrics', '/proxies/a/toxics/b/c', '/version/']) {
    const res = await call(toxiproxy.url, 'GET', path);
    expect([path, res.status, res.body]).toEqual([path, 404, '404 page not found\n']);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('x-toxiproxy-request-id')).toBeNull();
  }
  // The browser check runs only once a route matched.
  expect((await call(toxiproxy.url, 'GET', '/nope', undefined, { 'User-Agent': 'Mozilla/5.0' })).status).toBe(404);
});

test('a known path with the wrong method gets 405 with no body and no content type', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  for (const [method, path] of [
    ['PUT', '/proxies'],
    ['DELETE', '/version'],
    ['HEAD', '/version'],
    ['GET', '/reset'],
    ['PUT', '/proxies/a/toxics/b'],
  ]) {
    const res = await call(toxiproxy.url, method!, path!);
    expect([method, path, res.status, res.body]).toEqual([method, path, 405, '']);
    expect(res.headers.get('content-type')).toBeNull();
    expect(res.headers.get('x-toxiproxy-request-id')).toBeNull();
  }
});

test('browsers are turned away with 403', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const res = await call(toxiproxy.url, 'GET', '/proxies', undefined, { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64)' });
  expect([res.status, res.body]).toEqual([403, 'User agent not allowed\n']);
  expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(res.headers.get('x-toxiproxy-request-id')).toMatch(/^[0-9a-v]{20}$/);
  expect((await call(toxiproxy.url, 'GET', '/proxies', undefined, { 'User-Agent': 'curl/8.5.0' })).status).toBe(200);
});

test('unclean paths are redirected to their clean form, as gorilla/mux does', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const status = await new Promise<[number | undefined, string | undefined]>((resolve, reject) => {
    const req = httpRequest(`${toxiproxy.url}//proxies/../version`, { agent: false }, (res) => {
      res.resume();
      resolve([res.statusCode, res.headers.location]);
    });
    req.on('error', reject);
    req.end();
  });
  expect(status).toEqual([301, '/version']);
});

test('request ids are 20-character xids, unique per request', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const ids = new Set<string>();
  for (let i = 0; i < 20; i++) ids.add((await call(toxiproxy.url, 'GET', '/proxies')).headers.get('x-toxiproxy-request-id') ?? '');
  expect(ids.size).toBe(20);
  for (const id of ids) expect(id).toMatch(/^[0-9a-v]{20}$/);
});

test('malformed bodies give Go encoding/json error texts', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const cases: [string, string][] = [
    ['', 'EOF'],
    ['   \n', 'EOF'],
    ['{"name":', 'unexpected EOF'],
    ['{"name":"a"', 'unexpected EOF'],
    ['x', "invalid character 'x' looking for beginning of value"],
    ['{"name" "a"}', "invalid character '\"' after object key"],
    ['{"name":"a" "b"}', "invalid character '\"' after object key:value pair"],
    ['{name:1}', "invalid character 'n' looking for beginning of object key string"],
    ['{"a":tru}', "invalid character '}' in literal true (expecting 'e')"],
    ['{"a":-}', "invalid character '}' in numeric literal"],
    ['{"a":1.}', "invalid character '}' after decimal point in numeric literal"],
    ['{"a":"\\q"}', "invalid character 'q' in string escape code"],
    ['{"a":[1 2]}', "invalid character '2' after array element"],
    ['"proxy"', 'json: cannot unmarshal string into Go value of type toxiproxy.Proxy'],
    ['[]', 'json: cannot unmarshal array into Go value of type toxiproxy.Proxy'],
    ['{"name":5}', 'json: cannot unmarshal number into Go struct field Proxy.name of type string'],
    ['{"name":"a","enabled":"yes"}', 'json: cannot unmarshal string into Go struct field Proxy.enabled of type bool'],
    ['{"name":"a","listen":{}}', 'json: cannot unmarshal object into Go struct field Proxy.listen of type string'],
    ['{"name":"a","upstream":"u","Logger":1}', 'json: cannot unmarshal number into Go struct field Proxy.Logger of type zerolog.Logger'],
  ];
  for (const [body, message] of cases) {
    const res = await call(toxiproxy.url, 'POST', '/proxies', body);
    expect([body, res.status, res.body]).toEqual([body, 400, errorBody(`bad request body: ${message}`, 400)]);
  }
  // Like Go's decoder, only the first value counts and keys match case-insensitively.
  const res = await call(toxiproxy.url, 'POST', '/proxies', '{"NAME":"a","Upstream":"x:1","listen":"127.0.0.1:0"} trailing junk');
  expect(res.status).toBe(201);
  expect(JSON.parse(res.body)).toMatchObject({ name: 'a', upstream: 'x:1' });
});

test('names are escaped the way Go escapes JSON strings', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const res = await call(toxiproxy.url, 'POST', '/proxies', '{"name":"a<b>&c","upstream":"x:1","enabled":false}');
  expect(res.body.startsWith('{"name":"a\\u003cb\\u003e\\u0026c",')).toBe(true);
  const shown = await call(toxiproxy.url, 'GET', `/proxies/${encodeURIComponent('a<b>&c')}`);
  expect(shown.status).toBe(200);
});

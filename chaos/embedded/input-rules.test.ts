import { test, expect } from '@playwright/test';
import { startEmbeddedToxiproxy } from './index.js';
import { call } from './test-support/api.js';

// Names and addresses have a length limit (a real Toxiproxy keeps a 1 MB name
// as readily as a short one), and a name no URL could reach is refused
// instead of being created and then stuck for good.

const proxy = (name: string, upstream = '127.0.0.1:9') => JSON.stringify({ name, listen: '127.0.0.1:0', upstream });
const errorOf = (body: string) => (JSON.parse(body) as { error: string; status: number }).error;

test('a proxy name over 256 bytes is refused with 400 naming the flag that raises it; 256 bytes is fine', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const megabyte = await call(toxiproxy.url, 'POST', '/proxies', proxy('n'.repeat(1_000_000)));
  expect(megabyte.status).toBe(400);
  expect(errorOf(megabyte.body)).toBe(
    "proxy name too long: 1000000 bytes, over this server's limit of 256; shorten it, or restart the server with a higher limit " +
      '(roam toxiproxy --max-name-bytes, or limits.maxNameBytes of startEmbeddedToxiproxy)',
  );
  // Bytes, not characters: 129 two-byte characters are 258 bytes.
  expect((await call(toxiproxy.url, 'POST', '/proxies', proxy('é'.repeat(129)))).status).toBe(400);
  expect((await call(toxiproxy.url, 'POST', '/proxies', proxy('n'.repeat(256)))).status).toBe(201);
  expect(Object.keys(JSON.parse((await call(toxiproxy.url, 'GET', '/proxies')).body) as object)).toEqual(['n'.repeat(256)]);
});

test('listen and upstream over 1024 bytes are refused on create, update and populate', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const long = `${'h'.repeat(1100)}:80`;
  const created = await call(toxiproxy.url, 'POST', '/proxies', proxy('hlr', long));
  expect([created.status, errorOf(created.body)]).toEqual([
    400,
    expect.stringMatching(/^upstream too long: 1103 bytes, .*--max-address-bytes/),
  ]);
  expect((await call(toxiproxy.url, 'POST', '/proxies', proxy('hlr'))).status).toBe(201);
  const updated = await call(toxiproxy.url, 'POST', '/proxies/hlr', JSON.stringify({ listen: long, enabled: false }));
  expect([updated.status, errorOf(updated.body)]).toEqual([400, expect.stringMatching(/^listen too long: 1103 bytes/)]);
  expect((JSON.parse((await call(toxiproxy.url, 'GET', '/proxies/hlr')).body) as { enabled: boolean }).enabled).toBe(true);
  const populated = await call(toxiproxy.url, 'POST', '/populate', `[${proxy('vlr')},${proxy('msc', long)}]`);
  expect(populated.status).toBe(400);
  expect(JSON.parse(populated.body)).toMatchObject({ error: expect.stringMatching(/^upstream at proxy 2 too long/), proxies: null });
  expect(Object.keys(JSON.parse((await call(toxiproxy.url, 'GET', '/proxies')).body) as object)).toEqual(['hlr']);
});

test('the limits can be raised per server', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy({ limits: { maxNameBytes: 2048, maxAddressBytes: 4096 } });
  expect((await call(toxiproxy.url, 'POST', '/proxies', proxy('n'.repeat(2048), `${'h'.repeat(4000)}:80`))).status).toBe(201);
  await expect(startEmbeddedToxiproxy({ limits: { maxNameBytes: 0 } })).rejects.toThrow(/limit maxNameBytes is 0/);
});

test('a proxy name with a slash, or a dot segment, is refused: no path could ever reach it to delete it', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  for (const name of ['a/b', '/', '.', '..']) {
    const res = await call(toxiproxy.url, 'POST', '/proxies', proxy(name));
    expect(res.status).toBe(400);
    expect(errorOf(res.body)).toMatch(new RegExp(`^invalid proxy name ${JSON.stringify(name).replace(/[.*+?^$()|[\]\\/]/g, '\\$&')}: `));
  }
  const populated = await call(toxiproxy.url, 'POST', '/populate', `[${proxy('hlr')},${proxy('vlr/2')}]`);
  expect(JSON.parse(populated.body)).toEqual({
    error: 'invalid proxy name "vlr/2" at proxy 2: it contains "/", which splits the path, so no URL could reach it; choose another name',
    status: 400,
    proxies: null,
  });
  expect((await call(toxiproxy.url, 'GET', '/proxies')).body).toBe('{}');
  // Names that need escaping but can be reached stay allowed.
  for (const name of ['a b', 'a?b', 'a%b', '...']) {
    expect((await call(toxiproxy.url, 'POST', '/proxies', proxy(name))).status).toBe(201);
    expect((await call(toxiproxy.url, 'DELETE', `/proxies/${encodeURIComponent(name)}`)).status).toBe(204);
  }
});

test('toxic names follow the same rules', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  expect((await call(toxiproxy.url, 'POST', '/proxies', proxy('hlr'))).status).toBe(201);
  const slash = await call(toxiproxy.url, 'POST', '/proxies/hlr/toxics', '{"name":"slow/1","type":"latency"}');
  expect([slash.status, errorOf(slash.body)]).toEqual([400, expect.stringMatching(/^invalid toxic name "slow\/1": it contains "\/"/)]);
  const long = await call(toxiproxy.url, 'POST', '/proxies/hlr/toxics', JSON.stringify({ name: 't'.repeat(300), type: 'latency' }));
  expect([long.status, errorOf(long.body)]).toEqual([400, expect.stringMatching(/^toxic name too long: 300 bytes/)]);
  expect((await call(toxiproxy.url, 'GET', '/proxies/hlr/toxics')).body).toBe('[]');
});

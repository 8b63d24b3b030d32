import { test, expect } from '@playwright/test';
import { Toxiproxy } from 'toxiproxy-node-client';
import { startEmbeddedToxiproxy, type StartedEmbeddedToxiproxy } from './index.js';
import { call, errorBody } from './test-support/api.js';

async function withProxy(
  toxiproxy: StartedEmbeddedToxiproxy,
): Promise<(method: string, path: string, body?: string) => ReturnType<typeof call>> {
  await new Toxiproxy(toxiproxy.url).createProxy({ name: 'p', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' });
  return (method, path, body) => call(toxiproxy.url, method, `/proxies/p${path}`, body);
}

test('POST /proxies/{p}/toxics answers 200 (not 201) with Go defaults', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const api = await withProxy(toxiproxy);
  const created = await api('POST', '/toxics', '{"type":"latency"}');
  expect(created.status).toBe(200);
  expect(created.headers.get('content-type')).toBe('application/json');
  expect(created.body).toBe(
    '{"attributes":{"latency":0,"jitter":0},"name":"latency_downstream","type":"latency","stream":"downstream","toxicity":1}',
  );
});

test('every toxic type is accepted with its attributes in Go order', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const api = await withProxy(toxiproxy);
  const expected: Record<string, string> = {
    latency: '{"latency":0,"jitter":0}',
    bandwidth: '{"rate":0}',
    slow_close: '{"delay":0}',
    timeout: '{"timeout":0}',
    reset_peer: '{"timeout":0}',
    slicer: '{"average_size":0,"size_variation":0,"delay":0}',
    limit_data: '{"bytes":0}',
    noop: '{}',
  };
  for (const [type, attributes] of Object.entries(expected)) {
    const res = await api('POST', '/toxics', `{"type":"${type}","stream":"upstream"}`);
    expect(res.body).toBe(`{"attributes":${attributes},"name":"${type}_upstream","type":"${type}","stream":"upstream","toxicity":1}`);
  }
});

test('stream is case-insensitive but echoed verbatim; unknown keys ignored; no range checks', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const api = await withProxy(toxiproxy);
  expect((await api('POST', '/toxics', '{"type":"slicer","stream":"UPSTREAM","attributes":{"average_size":10,"bogus":"x"}}')).body).toBe(
    '{"attributes":{"average_size":10,"size_variation":0,"delay":0},"name":"slicer_UPSTREAM","type":"slicer","stream":"UPSTREAM","toxicity":1}',
  );
  expect((await api('POST', '/toxics', '{"name":"odd","type":"latency","toxicity":2.5,"attributes":{"latency":-5}}')).body).toBe(
    '{"attributes":{"latency":-5,"jitter":0},"name":"odd","type":"latency","stream":"downstream","toxicity":2.5}',
  );
  expect(JSON.parse((await api('POST', '/toxics', '{"name":"tenth","type":"noop","toxicity":0.1}')).body)).toMatchObject({ toxicity: 0.1 });
});

test('create errors read exactly like Toxiproxy', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const api = await withProxy(toxiproxy);
  const create = async (body: string) => {
    const res = await api('POST', '/toxics', body);
    return [res.status, res.body];
  };
  expect(await create('{"type":"latency"}')).toEqual([200, expect.any(String)]);
  expect(await create('{"type":"latency"}')).toEqual([409, errorBody('toxic already exists', 409)]);
  expect(await create('{"type":"warp"}')).toEqual([400, errorBody('invalid toxic type', 400)]);
  expect(await create('{"name":"x"}')).toEqual([400, errorBody('invalid toxic type', 400)]);
  expect(await create('{"type":"latency","stream":"sideways"}')).toEqual([
    400,
    errorBody('stream was invalid, can be either upstream or downstream', 400),
  ]);
  expect(await create('{"name":"a","type":"latency","attributes":{"latency":2.5}}')).toEqual([
    400,
    errorBody(
      'bad request body: json: cannot unmarshal number 2.5 into Go struct field LatencyToxic.attributes.latency of type int64',
      400,
    ),
  ]);
  expect(await create('{"name":"b","type":"slicer","attributes":{"delay":"1"}}')).toEqual([
    400,
    errorBody('bad request body: json: cannot unmarshal string into Go struct field SlicerToxic.attributes.delay of type int', 400),
  ]);
  expect(await create('{"type":"latency","toxicity":"high"}')).toEqual([
    400,
    errorBody('bad request body: json: cannot unmarshal string into Go struct field ToxicWrapper.toxicity of type float32', 400),
  ]);
  expect(await create('')).toEqual([400, errorBody('bad request body: EOF', 400)]);
  expect(await create('{"type":"lat')).toEqual([400, errorBody('bad request body: unexpected EOF', 400)]);
  const missing = await call(toxiproxy.url, 'POST', '/proxies/none/toxics', '{"type":"latency"}');
  expect([missing.status, missing.body]).toEqual([404, errorBody('proxy not found', 404)]);
});

test('list puts upstream toxics first, then downstream, each in insertion order', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  await withProxy(toxiproxy);
  const proxy = await new Toxiproxy(toxiproxy.url).get('p');
  const order = [
    ['d1', 'downstream'],
    ['u1', 'upstream'],
    ['d2', 'downstream'],
    ['u2', 'upstream'],
  ] as const;
  for (const [name, stream] of order) {
    await proxy.addToxic({ name, type: 'latency', stream, toxicity: 1, attributes: { latency: 0, jitter: 0 } });
  }
  const listed = await call(toxiproxy.url, 'GET', '/proxies/p/toxics');
  expect((JSON.parse(listed.body) as { name: string }[]).map((t) => t.name)).toEqual(['u1', 'u2', 'd1', 'd2']);
  const embedded = JSON.parse((await call(toxiproxy.url, 'GET', '/proxies/p')).body) as { toxics: { name: string }[] };
  expect(embedded.toxics.map((t) => t.name)).toEqual(['u1', 'u2', 'd1', 'd2']);
  expect((await call(toxiproxy.url, 'GET', '/proxies/none/toxics')).status).toBe(404);
});

test('get, update (merge, toxicity kept) and delete a toxic', async () => {
  await using toxiproxy = await startEmbeddedToxiproxy();
  const api = await withProxy(toxiproxy);
  const client = new Toxiproxy(toxiproxy.url);
  const proxy = await client.get('p');
  const toxic = await proxy.addToxic({
    name: 'slow',
    type: 'latency',
    stream: 'upstream',
    toxicity: 0.5,
    attributes: { latency: 100, jitter: 10 },
  });
  expect((await proxy.getToxic('slow')).attributes).toEqual({ latency: 100, jitter: 10 });

  const merged = await api('POST', '/toxics/slow', '{"attributes":{"jitter":3},"name":"renamed","type":"timeout","stream":"downstream"}');
  expect(merged.body).toBe('{"attributes":{"latency":100,"jitter":3},"name":"slow","type":"latency","stream":"upstream","toxicity":0.5}');
  const patched = await api('PATCH', '/toxics/slow', '{"toxicity":1}');
  expect(patched.body).toBe('{"attributes":{"latency":100,"jitter":3},"name":"slow","type":"latency","stream":"upstream","toxicity":1}');
  const updated = await toxic.update({ ...toxic.toJson(), attributes: { latency: 7, jitter: 0 } });
  expect(updated.attributes).toEqual({ latency: 7, jitter: 0 });

  expect((await api('PATCH', '/toxics/slow', '{"toxicity":"x"}')).body).toBe(
    errorBody('bad request body: json: cannot unmarshal string into Go struct field .toxicity of type float32', 400),
  );
  expect((await api('PATCH', '/toxics/slow', '{"attributes":"x"}')).body).toBe(
    errorBody('bad request body: json: cannot unmarshal string into Go struct field .attributes of type toxics.LatencyToxic', 400),
  );
  expect((await api('PATCH', '/toxics/nope', 'not even json')).body).toBe(errorBody('toxic not found', 404));
  expect((await api('GET', '/toxics/nope')).body).toBe(errorBody('toxic not found', 404));

  const deleted = await api('DELETE', '/toxics/slow');
  expect([deleted.status, deleted.body]).toEqual([204, '']);
  expect((await api('DELETE', '/toxics/slow')).body).toBe(errorBody('toxic not found', 404));
  expect((await api('GET', '/toxics')).body).toBe('[]');
});

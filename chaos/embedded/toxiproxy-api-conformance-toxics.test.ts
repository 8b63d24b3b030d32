import { test, expect } from '@playwright/test';
import { startEmbeddedToxiproxy } from './index.js';
import { freePort, GoStyleClient, toxicNamed, type ProxyHandle, type ToxicView } from './test-support/go-style-client.js';

// Toxiproxy's own API tests (Shopify/toxiproxy api_test.go), told again in
// our words and run against the embedded server over HTTP: one test here per
// Go test, named after it. This file: toxics.
// Each test gets a fresh server and a proxy on a port found free at the start.

/** Runs `run` with a fresh server holding one enabled proxy, `mysql_master`. */
async function withProxy(run: (proxy: ProxyHandle) => Promise<void>): Promise<void> {
  await using server = await startEmbeddedToxiproxy();
  await run(await new GoStyleClient(server.url).createProxy('mysql_master', `localhost:${await freePort()}`, 'localhost:9'));
}

/** Toxiproxy's `AssertToxicExists`: the toxic called `name` has this type and stream. */
function expectToxic(toxics: readonly ToxicView[], name: string, type: string, stream: string): ToxicView {
  const toxic = toxicNamed(toxics, name);
  expect(toxic, `toxic ${name}`).toBeDefined();
  expect({ type: toxic!.type, stream: toxic!.stream }).toEqual({ type, stream });
  return toxic!;
}

/** The other half of `AssertToxicExists`: no toxic called `name` in `stream`. */
function expectNoToxic(toxics: readonly ToxicView[], name: string, stream: string): void {
  expect(toxics.filter((t) => t.name === name && t.stream === stream)).toEqual([]);
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => (error as Error).message,
  );

test('TestListingToxics: a new proxy has no toxics', async () => {
  await withProxy(async (proxy) => {
    const toxics = await proxy.listToxics();
    expect(toxicNamed(toxics, 'latency')).toBeUndefined();
    expect(toxics).toEqual([]);
  });
});

test('TestAddToxic: a named toxic is added with its attributes and read back', async () => {
  await withProxy(async (proxy) => {
    const latency = await proxy.addToxic('foobar', 'latency', 'downstream', 1, { latency: 100, jitter: 10 });
    expect(latency.attributes).toEqual({ latency: 100, jitter: 10 });
    const toxic = expectToxic(await proxy.listToxics(), 'foobar', 'latency', 'downstream');
    expect([toxic.toxicity, toxic.attributes]).toEqual([1, { latency: 100, jitter: 10 }]);
  });
});

test('TestAddMultipleToxics: two toxics of one type live side by side, with default attributes', async () => {
  await withProxy(async (proxy) => {
    await proxy.addToxic('latency1', 'latency', 'downstream', 1, null);
    await proxy.addToxic('latency2', 'latency', 'downstream', 1, null);
    const toxics = await proxy.listToxics();
    expectToxic(toxics, 'latency1', 'latency', 'downstream');
    const second = expectToxic(toxics, 'latency2', 'latency', 'downstream');
    expect([second.toxicity, second.attributes]).toEqual([1, { latency: 0, jitter: 0 }]);
    expectNoToxic(toxics, 'latency1', 'upstream');
    expectNoToxic(toxics, 'latency2', 'upstream');
  });
});

test('TestAddConflictingToxic: a second toxic with a taken name is 409 and the first is kept', async () => {
  await withProxy(async (proxy) => {
    await proxy.addToxic('foobar', 'latency', 'downstream', 1, null);
    expect(await failureOf(proxy.addToxic('foobar', 'slow_close', 'downstream', 1, null))).toBe('AddToxic: HTTP 409: toxic already exists');
    const toxics = await proxy.listToxics();
    const toxic = expectToxic(toxics, 'foobar', 'latency', 'downstream');
    expect([toxic.toxicity, toxic.attributes]).toEqual([1, { latency: 0, jitter: 0 }]);
    expectNoToxic(toxics, 'foobar', 'upstream');
  });
});

test('TestAddConflictingToxicsMultistream: a name taken upstream is taken downstream too', async () => {
  await withProxy(async (proxy) => {
    await proxy.addToxic('foobar', 'latency', 'upstream', 1, null);
    expect(await failureOf(proxy.addToxic('foobar', 'latency', 'downstream', 1, null))).toBe('AddToxic: HTTP 409: toxic already exists');
    const toxics = await proxy.listToxics();
    const toxic = expectToxic(toxics, 'foobar', 'latency', 'upstream');
    expect([toxic.toxicity, toxic.attributes]).toEqual([1, { latency: 0, jitter: 0 }]);
    expectNoToxic(toxics, 'foobar', 'downstream');
  });
});

test('TestAddConflictingToxicsMultistreamDefaults: unnamed toxics are named <type>_<stream>, so both streams fit', async () => {
  await withProxy(async (proxy) => {
    await proxy.addToxic('', 'latency', 'upstream', 1, null);
    await proxy.addToxic('', 'latency', 'downstream', 1, null);
    const toxics = await proxy.listToxics();
    for (const stream of ['upstream', 'downstream']) {
      const toxic = expectToxic(toxics, `latency_${stream}`, 'latency', stream);
      expect([toxic.toxicity, toxic.attributes]).toEqual([1, { latency: 0, jitter: 0 }]);
    }
  });
});

test('TestAddToxicWithToxicity: a toxicity below 1 is kept and read back', async () => {
  await withProxy(async (proxy) => {
    const latency = await proxy.addToxic('', 'latency', 'downstream', 0.2, { latency: 100, jitter: 10 });
    expect([latency.toxicity, latency.attributes]).toEqual([0.2, { latency: 100, jitter: 10 }]);
    const toxic = expectToxic(await proxy.listToxics(), 'latency_downstream', 'latency', 'downstream');
    expect([toxic.toxicity, toxic.attributes]).toEqual([0.2, { latency: 100, jitter: 10 }]);
  });
});

test('TestAddNoop: a noop toxic without a stream goes downstream', async () => {
  await withProxy(async (proxy) => {
    const noop = await proxy.addToxic('foobar', 'noop', '', 1, null);
    expect(noop).toMatchObject({ toxicity: 1, name: 'foobar', type: 'noop', stream: 'downstream' });
    expect(expectToxic(await proxy.listToxics(), 'foobar', 'noop', 'downstream').toxicity).toBe(1);
  });
});

test('TestUpdateToxics: an update merges attributes and keeps the toxicity unless given', async () => {
  await withProxy(async (proxy) => {
    const latency = await proxy.addToxic('', 'latency', 'downstream', -1, { latency: 100, jitter: 10 });
    expect([latency.toxicity, latency.attributes]).toEqual([1, { latency: 100, jitter: 10 }]);
    const halved = await proxy.updateToxic('latency_downstream', 0.5, { latency: 1000 });
    expect([halved.toxicity, halved.attributes]).toEqual([0.5, { latency: 1000, jitter: 10 }]);
    const kept = await proxy.updateToxic('latency_downstream', -1, { latency: 500 });
    expect([kept.toxicity, kept.attributes]).toEqual([0.5, { latency: 500, jitter: 10 }]);
    const toxic = expectToxic(await proxy.listToxics(), 'latency_downstream', 'latency', 'downstream');
    expect([toxic.toxicity, toxic.attributes]).toEqual([0.5, { latency: 500, jitter: 10 }]);
  });
});

test('TestRemoveToxic: a removed toxic is no longer listed', async () => {
  await withProxy(async (proxy) => {
    await proxy.addToxic('', 'latency', 'downstream', 1, null);
    const toxic = expectToxic(await proxy.listToxics(), 'latency_downstream', 'latency', 'downstream');
    expect([toxic.toxicity, toxic.attributes]).toEqual([1, { latency: 0, jitter: 0 }]);
    await proxy.removeToxic('latency_downstream');
    expect(toxicNamed(await proxy.listToxics(), 'latency_downstream')).toBeUndefined();
  });
});

test('TestInvalidStream: a stream other than upstream or downstream is refused', async () => {
  await withProxy(async (proxy) => {
    expect(await failureOf(proxy.addToxic('', 'latency', 'walrustream', 1, null))).toBe(
      'AddToxic: HTTP 400: stream was invalid, can be either upstream or downstream',
    );
  });
});

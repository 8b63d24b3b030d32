import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupServer } from 'msw/node';
import { http as mswHttp, HttpResponse } from 'msw';
import { BillingClient } from '../billing/client.js';
import { HlrClient } from '../hlr/client.js';
import { ElementUnreachableError } from './client.js';
import { leanExchange, setDefaultHttpTransport } from './http-exchange.js';
import { EXCHANGE_START_CHANNEL, type ExchangeStart } from './exchange-timing.js';
import { httpRequestIntercepted, socketExchange } from './socket-exchange.js';

const repo = join(fileURLToPath(import.meta.url), '..', '..', '..');

/** A TCP server that reads requests off each connection and answers with what `answer` writes. */
async function rawServer(answer: (request: string, socket: Socket, index: number) => void): Promise<{
  url: string;
  port: number;
  connections: Socket[];
  requests: string[];
  server: Server;
  close(): Promise<void>;
}> {
  const connections: Socket[] = [];
  const requests: string[] = [];
  const server = createServer((socket) => {
    connections.push(socket);
    let buffered = '';
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        const request = buffered.slice(0, end + 4 + length);
        buffered = buffered.slice(end + 4 + length);
        requests.push(request);
        answer(request, socket, requests.length - 1);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections,
    requests,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of connections) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const EVENTS = JSON.stringify({ events: [] });
const ok = (body = EVENTS, extra = '') =>
  `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

test('the default transport writes requests on sockets, not through http.request; node-http still can', async () => {
  const served = await rawServer((_, socket) => socket.write(ok()));
  let viaNodeHttp = 0;
  const count = () => void viaNodeHttp++;
  const started: ExchangeStart[] = [];
  const announce = (message: unknown) => void started.push(message as ExchangeStart);
  subscribe('http.client.request.start', count);
  subscribe(EXCHANGE_START_CHANNEL, announce);
  try {
    expect(httpRequestIntercepted()).toBe(false);
    const billing = new BillingClient({ baseUrl: served.url, authorization: 'Roam-Charging vlr:208-01 abc' });
    for (let i = 0; i < 4; i++) expect(await billing.list()).toEqual([]);
    expect(viaNodeHttp).toBe(0);
    expect(served.connections).toHaveLength(1);
    expect(served.requests[0]).toMatch(
      new RegExp(
        `^GET /billing/v1/charging-events HTTP/1\\.1\\r\\nhost: 127\\.0\\.0\\.1:${served.port}\\r\\nconnection: keep-alive\\r\\nauthorization: Roam-Charging vlr:208-01 abc\\r\\n\\r\\n$`,
      ),
    );
    expect(await new BillingClient({ baseUrl: served.url, transport: 'node-http' }).list()).toEqual([]);
    expect(viaNodeHttp).toBe(1);
    expect(started.map((s) => `${s.method} ${s.name}`)).toEqual(Array(5).fill('GET billing.listChargingEvents'));
  } finally {
    unsubscribe('http.client.request.start', count);
    unsubscribe(EXCHANGE_START_CHANNEL, announce);
    await served.close();
  }
});

test('a JSON body goes out with its length in bytes, UTF-8 included, and the answer comes back whole', async () => {
  const served = await rawServer((request, socket) => {
    const body = request.slice(request.indexOf('\r\n\r\n') + 4);
    socket.write(ok(Buffer.from(body, 'latin1').toString('utf8')));
  });
  try {
    const body = JSON.stringify({ name: 'Zoë 東京', n: 1 });
    const answer = await leanExchange({
      method: 'POST',
      url: `${served.url}/echo`,
      headers: { 'content-type': 'application/json' },
      body,
      timeoutMs: 5_000,
    });
    expect(answer.text).toBe(body);
    expect(served.requests[0]).toContain(`content-length: ${Buffer.byteLength(body)}\r\n`);
  } finally {
    await served.close();
  }
});

test('while MSW intercepts, exchanges go through it; once it is closed, back on sockets', async () => {
  const msw = setupServer(mswHttp.get('http://billing.example/billing/v1/charging-events', () => HttpResponse.json({ events: [] })));
  msw.listen({ onUnhandledRequest: 'error' });
  try {
    expect(httpRequestIntercepted()).toBe(true);
    expect(await new BillingClient({ baseUrl: 'http://billing.example' }).list()).toEqual([]);
  } finally {
    msw.close();
  }
  expect(httpRequestIntercepted()).toBe(false);
  const served = await rawServer((_, socket) => socket.write(ok()));
  try {
    expect(await new BillingClient({ baseUrl: served.url }).list()).toEqual([]);
    expect(served.requests).toHaveLength(1);
  } finally {
    await served.close();
  }
});

test('a server that closes: connection close, HTTP/1.0, an idle close, each leaves the pool working', async () => {
  const served = await rawServer((_, socket, index) => {
    if (index === 0) socket.end(ok(EVENTS, 'connection: close\r\n'));
    else if (index === 1) socket.end(`HTTP/1.0 200 OK\r\ncontent-length: ${EVENTS.length}\r\n\r\n${EVENTS}`);
    else if (index === 2)
      socket.end(`HTTP/1.1 200 OK\r\n\r\n${EVENTS}`); // no framing: the body ends with the connection
    else {
      socket.write(ok());
      setTimeout(() => socket.end(), 20); // closes while idle in our pool
    }
  });
  try {
    const billing = new BillingClient({ baseUrl: served.url });
    for (let i = 0; i < 4; i++) expect(await billing.list()).toEqual([]);
    expect(served.connections).toHaveLength(4);
    await expect.poll(() => served.connections.at(-1)!.destroyed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await billing.list()).toEqual([]);
    expect(served.connections).toHaveLength(5);
  } finally {
    await served.close();
  }
});

test('no answer, a cut answer, a reset, a refusal and garbage each fail the exchange with their reason', async () => {
  const served = await rawServer((request, socket) => {
    const path = /^\S+ (\S+)/.exec(request)![1]!;
    if (path.includes('silent')) return;
    if (path.includes('cut')) socket.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"events"');
    if (path.includes('reset')) socket.resetAndDestroy();
    if (path.includes('garbage')) socket.write('SSH-2.0-OpenSSH_9.2\r\n\r\n');
  });
  const reasonOf = (url: string, timeoutMs = 5_000) =>
    new HlrClient({ baseUrl: url, timeoutMs })
      .purgeMs({ imsi: '262011234567890', vlrNumber: 'v' })
      .then(() => 'answered')
      .catch((error: unknown) => (error instanceof ElementUnreachableError ? error.reason : String(error)));
  try {
    expect(await reasonOf(`${served.url}/silent`, 150)).toBe('TIMEOUT');
    expect(await reasonOf(`${served.url}/cut`)).toBe('the connection was closed');
    expect(await reasonOf(`${served.url}/reset`)).toBe('ECONNRESET');
    expect(await reasonOf(`${served.url}/garbage`)).toBe('the answer is not valid HTTP/1.1: status line "SSH-2.0-OpenSSH_9.2"');
  } finally {
    await served.close();
  }
  expect(await reasonOf(served.url)).toBe('ECONNREFUSED');
});

test('a request that cannot be written is refused before anything is sent', async () => {
  const served = await rawServer((_, socket) => socket.write(ok()));
  try {
    const send = (headers: Record<string, string>, path = '/x', method = 'GET') =>
      socketExchange({ hostname: '127.0.0.1', port: served.port }, path, {
        method,
        url: `${served.url}${path}`,
        headers,
        timeoutMs: 1_000,
      }).then(
        () => 'sent',
        (error: Error) => error.message,
      );
    expect(await send({ 'x-bad': 'a\r\nx-injected: 1' })).toMatch(/header x-bad has a control character in its value\. Remove it\.$/);
    expect(await send({ 'bad name': 'a' })).toMatch(/header name "bad name" is not an HTTP token\.$/);
    expect(await send({}, '/a b')).toMatch(/the path has spaces or control characters\. Percent-encode them\.$/);
    expect(await send({}, '/x', 'GE T')).toMatch(/the method is not an HTTP token/);
    // An IMSI in the path stays out of the message, which reaches reports.
    const withImsi = await send({ 'x-bad': '\n' }, '/hlr/v1/subscribers/262011234567890');
    expect(withImsi).toContain('/hlr/v1/subscribers/<id>');
    expect(withImsi).not.toContain('262011234567890');
    expect(served.requests).toHaveLength(0);
    expect(await send({ 'x-name': 'Zoë' })).toBe('sent');
    expect(served.requests[0]).toContain('x-name: Zo\u00eb\r\n');
    // The caller's host header replaces ours; the body's length is always ours.
    await socketExchange({ hostname: '127.0.0.1', port: served.port }, '/y', {
      method: 'POST',
      url: `${served.url}/y`,
      headers: { Host: 'hlr.partner.example', 'Content-Length': '999' },
      body: '{}',
      timeoutMs: 1_000,
    });
    expect(served.requests[1]).toBe(
      'POST /y HTTP/1.1\r\nhost: hlr.partner.example\r\nconnection: keep-alive\r\ncontent-length: 2\r\n\r\n{}',
    );
  } finally {
    await served.close();
  }
});

test("idle connections close on their own, sooner when the server's keep-alive timeout says so", async () => {
  const served = await rawServer((_, socket) => socket.write(ok(EVENTS, 'keep-alive: timeout=1\r\n')));
  try {
    expect(await new BillingClient({ baseUrl: served.url }).list()).toEqual([]);
    // timeout=1 leaves no idle time at all (a second before the server's): the next sweep closes it.
    await expect.poll(() => served.connections[0]!.readableEnded, { timeout: 3_000 }).toBe(true);
  } finally {
    await served.close();
  }
});

test('a process with idle pooled connections still exits on its own', async () => {
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => res.end(EVENTS));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const script = `const { BillingClient } = await import(${JSON.stringify(join(repo, 'dist', 'mocks', 'index.js'))});
      const events = await new BillingClient({ baseUrl: 'http://127.0.0.1:${port}' }).list();
      console.log(JSON.stringify(events));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill(), 20_000);
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(out.trim()).toBe('[]');
    expect(code).toBe(0);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('ROAM_HTTP_CLIENT names a transport or is refused, saying which ones there are', async () => {
  const before = setDefaultHttpTransport(undefined);
  const env = process.env['ROAM_HTTP_CLIENT'];
  process.env['ROAM_HTTP_CLIENT'] = 'curl';
  try {
    const refused = await new BillingClient({ baseUrl: 'http://127.0.0.1:9' }).list().catch((error: Error) => error.message);
    expect(refused).toBe(
      "[roam] Failed to pick the element clients' HTTP transport: ROAM_HTTP_CLIENT=curl is not one. Use 'socket', 'node-http' or 'fetch', or unset it.",
    );
  } finally {
    if (env === undefined) delete process.env['ROAM_HTTP_CLIENT'];
    else process.env['ROAM_HTTP_CLIENT'] = env;
    setDefaultHttpTransport(before);
  }
});

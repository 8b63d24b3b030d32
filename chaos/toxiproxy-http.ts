/**
 * The Toxiproxy API over `node:http` with keep-alive, for
 * `toxiproxy-node-client`.
 *
 * The client sends every request through the global `fetch`, whose first
 * use loads undici (tens of milliseconds of a world's start-up) and whose
 * every request builds WHATWG objects. A world creates its proxies and
 * drills flip toxics through this API many times, always with small JSON
 * bodies on plain HTTP, so the client's one way out (`HttpClient.doFetch`,
 * private in its types) goes through `node:http` instead, with the same
 * errors. `https:` URLs keep the `fetch` path.
 *
 * @module
 */
import http from 'node:http';
import type { Toxiproxy } from 'toxiproxy-node-client';
import { ToxiproxyError } from './toxiproxy-client.js';

interface FetchingClient {
  doFetch(url: string, init: RequestInit): Promise<Response>;
}

/** No API answer within this time is an error, as a hung API must not hang a test. */
const API_TIMEOUT_MS = 60_000;

// Idle connections close after 4 s, before the API server's keep-alive timeout closes them under a request.
const agent = new http.Agent({ keepAlive: true, scheduling: 'lifo', timeout: 4_000 });

/**
 * Sends `client`'s requests to a plain-HTTP Toxiproxy API through `node:http`.
 *
 * @example
 * ```ts
 * const client = withLeanHttp(new Toxiproxy('http://127.0.0.1:8474'));
 * ```
 */
export function withLeanHttp(client: Toxiproxy): Toxiproxy {
  const api = client.getApi() as unknown as FetchingClient;
  const original = api.doFetch.bind(api);
  api.doFetch = (url, init) => (url.startsWith('http://') ? send(url, init) : original(url, init));
  return client;
}

/** What the client reads of an answer: `ok`, `status` and the text. */
function send(url: string, init: RequestInit): Promise<Response> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(new ToxiproxyError(error.name, error.message, error.stack));
    const headers = { ...(init.headers as Record<string, string> | undefined) };
    const body = typeof init.body === 'string' ? init.body : undefined;
    const request = http.request(url, { method: init.method ?? 'GET', headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', fail);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299) return reject(new ToxiproxyError('Error', `Request failed with status code ${status}`));
        resolve({ ok: true, status, text: () => Promise.resolve(text) } as unknown as Response);
      });
    });
    request.setTimeout(API_TIMEOUT_MS, () =>
      request.destroy(new Error(`the Toxiproxy API at ${url} did not answer within ${API_TIMEOUT_MS} ms`)),
    );
    request.on('error', fail);
    request.end(body);
  });
}

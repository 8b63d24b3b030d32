/**
 * The usual stage for a toxic test: an embedded Toxiproxy, a TCP server on
 * 127.0.0.1, and one proxy in front of it, all closed together.
 *
 * @module
 */
import { Toxiproxy, type Proxy } from 'toxiproxy-node-client';
import { startEmbeddedToxiproxy, type StartedEmbeddedToxiproxy } from '../index.js';
import { portOf } from './api.js';
import { connectClient, startEchoServer, startSinkServer, type ClientRecord, type SinkServer, type TestServer } from './tcp-peers.js';

/** A proxy in front of a test server. */
export interface ProxiedServer<Server extends TestServer> {
  readonly toxiproxy: StartedEmbeddedToxiproxy;
  readonly client: Toxiproxy;
  readonly server: Server;
  readonly proxy: Proxy;
  /** The proxy's port on 127.0.0.1. */
  readonly port: number;
  /** Opens a client connection through the proxy. */
  connect(): Promise<ClientRecord>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * An echo server behind a proxy named `echo`.
 *
 * @example
 * ```ts
 * await using stage = await startProxiedEcho();
 * await stage.proxy.addToxic({ ... });
 * ```
 */
export function startProxiedEcho(): Promise<ProxiedServer<TestServer>> {
  return startProxied(startEchoServer);
}

/** A sink server (records what arrives upstream) behind a proxy named `sink`. */
export function startProxiedSink(): Promise<ProxiedServer<SinkServer>> {
  return startProxied(startSinkServer);
}

async function startProxied<Server extends TestServer>(start: () => Promise<Server>): Promise<ProxiedServer<Server>> {
  const server = await start();
  const toxiproxy = await startEmbeddedToxiproxy();
  const client = new Toxiproxy(toxiproxy.url);
  const proxy = await client.createProxy({ name: 'stage', listen: '127.0.0.1:0', upstream: `127.0.0.1:${server.port}` });
  const port = portOf(proxy.listen);
  return {
    toxiproxy,
    client,
    server,
    proxy,
    port,
    connect: () => connectClient(port),
    async [Symbol.asyncDispose]() {
      await toxiproxy.close();
      await server.close();
    },
  };
}

/**
 * Sends `payload` through an echo connection and returns how long the whole
 * echo took to come back, in milliseconds.
 */
export async function roundTrip(connection: ClientRecord, payload = 'ping', timeoutMs = 10_000): Promise<number> {
  const before = connection.received().length;
  const started = performance.now();
  connection.socket.write(payload);
  await connection.waitForBytes(before + Buffer.byteLength(payload), timeoutMs);
  return performance.now() - started;
}

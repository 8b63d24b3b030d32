/**
 * Small TCP peers for the embedded Toxiproxy's tests: an echo server, a
 * sink that records what it receives, and a client that records what it
 * sees (data, end, close, errors) with timings. Everything listens on
 * 127.0.0.1 with an ephemeral port and closes every socket it made.
 *
 * @module
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

/** A server started for a test; `close` also destroys its connections. */
export interface TestServer {
  readonly port: number;
  /** Sockets the server accepted, in order. */
  readonly sockets: readonly Socket[];
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A sink server also records the bytes each accepted connection sent. */
export interface SinkServer extends TestServer {
  /** Bytes received so far by the `index`-th accepted connection (default: the first). */
  received(index?: number): Buffer;
  /** How many bytes the `index`-th connection has received, without copying them. */
  receivedLength(index?: number): number;
  /** Waits until the `index`-th connection has received `bytes` bytes in total. */
  waitForBytes(bytes: number, options?: { index?: number; timeoutMs?: number }): Promise<Buffer>;
}

/**
 * An echo server: sends back everything it receives.
 *
 * @example
 * ```ts
 * await using echo = await startEchoServer();
 * ```
 */
export function startEchoServer(): Promise<TestServer> {
  return startServer((socket) => socket.on('data', (data) => socket.write(data)));
}

/**
 * A sink server: keeps what it receives and never answers.
 *
 * @example
 * ```ts
 * await using sink = await startSinkServer();
 * ```
 */
export async function startSinkServer(): Promise<SinkServer> {
  const connections: { chunks: Buffer[]; length: number }[] = [];
  const waiters = new Set<() => void>();
  const server = await startServer((socket) => {
    const record = { chunks: [] as Buffer[], length: 0 };
    connections.push(record);
    socket.on('data', (data) => {
      record.chunks.push(data);
      record.length += data.length;
      for (const wake of waiters) wake();
    });
  });
  const receivedLength = (index = 0): number => connections[index]?.length ?? 0;
  const received = (index = 0): Buffer => Buffer.concat(connections[index]?.chunks ?? []);
  return {
    ...server,
    received,
    receivedLength,
    waitForBytes(bytes, { index = 0, timeoutMs = 10_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (receivedLength(index) < bytes) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(received(index));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`sink received ${receivedLength(index)} of ${bytes} bytes in ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/**
 * A server that runs nothing on its connections: they stay open until closed.
 */
export function startSilentServer(): Promise<TestServer> {
  return startServer(() => undefined);
}

async function startServer(onSocket: (socket: Socket) => void): Promise<TestServer> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const close = async (): Promise<void> => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { port, sockets, close, [Symbol.asyncDispose]: close };
}

/** What a client socket saw. */
export interface ClientRecord {
  readonly socket: Socket;
  /** performance.now() when the connection was made. */
  readonly connectedAt: number;
  /** Every data event: bytes and performance.now(). */
  readonly chunks: { data: Buffer; at: number }[];
  /** performance.now() of 'end' (FIN), 'close', and the error, if seen. */
  endAt?: number;
  closeAt?: number;
  error?: NodeJS.ErrnoException;
  /** All bytes received so far. */
  received(): Buffer;
  /** Resolves once `bytes` bytes have arrived (rejects after `timeoutMs`). */
  waitForBytes(bytes: number, timeoutMs?: number): Promise<number>;
  /** Resolves once the socket has closed (rejects after `timeoutMs`). */
  closed(timeoutMs?: number): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Connects to 127.0.0.1:`port` and records everything the socket sees.
 *
 * @example
 * ```ts
 * await using client = await connectClient(proxyPort);
 * client.socket.write('ping');
 * await client.waitForBytes(4);
 * ```
 */
export function connectClient(port: number): Promise<ClientRecord> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, noDelay: true });
    const wakers = new Set<() => void>();
    const wake = (): void => {
      for (const w of wakers) w();
    };
    const record: ClientRecord = {
      socket,
      connectedAt: 0,
      chunks: [],
      received: () => Buffer.concat(record.chunks.map((c) => c.data)),
      waitForBytes: (bytes, timeoutMs = 10_000) =>
        waitUntil(
          wakers,
          () => record.received().length >= bytes,
          timeoutMs,
          () => `received ${record.received().length} of ${bytes} bytes`,
        ).then(() => record.chunks.at(-1)?.at ?? performance.now()),
      closed: (timeoutMs = 10_000) =>
        waitUntil(
          wakers,
          () => record.closeAt !== undefined,
          timeoutMs,
          () => 'socket still open',
        ),
      [Symbol.asyncDispose]: async () => {
        socket.destroy();
      },
    };
    socket.on('data', (data) => {
      record.chunks.push({ data, at: performance.now() });
      wake();
    });
    socket.on('end', () => {
      record.endAt = performance.now();
      wake();
    });
    socket.on('error', (error) => {
      record.error = error;
      wake();
    });
    socket.once('close', () => {
      record.closeAt = performance.now();
      wake();
    });
    socket.once('connect', () => {
      (record as { connectedAt: number }).connectedAt = performance.now();
      resolve(record);
    });
    socket.once('error', reject);
  });
}

function waitUntil(wakers: Set<() => void>, done: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!done()) return;
      wakers.delete(check);
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      wakers.delete(check);
      reject(new Error(`timed out after ${timeoutMs} ms: ${describe()}`));
    }, timeoutMs);
    wakers.add(check);
    check();
  });
}

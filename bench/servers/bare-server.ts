/**
 * The bare `node:http` server of the benchmarks' ceiling: it reads the
 * request and answers a fixed SendAuthInfo-sized JSON body (one vector),
 * with no routing, validation or element logic.
 *
 * @module
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The fixed answer: the size of a one-vector SendAuthInfo result. */
const BODY = JSON.stringify({
  vectors: [
    {
      rand: '00'.repeat(16),
      xres: '00'.repeat(8),
      ck: '00'.repeat(16),
      ik: '00'.repeat(16),
      autn: '00'.repeat(16),
      sres: '00'.repeat(4),
      kc: '00'.repeat(8),
    },
  ],
});

/** Starts the bare server on 127.0.0.1, ephemeral port. */
export async function startBareServer(): Promise<{
  readonly url: string;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) });
      res.end(BODY);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

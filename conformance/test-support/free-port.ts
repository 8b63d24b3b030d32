import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';

/**
 * A `host:port` free a moment ago, for an element that must be configured
 * with a fixed address before the server at it starts. The host is a random
 * loopback address of 127.45.0.0/16, not 127.0.0.1: servers of tests running
 * alongside take ephemeral ports on 127.0.0.1, and one of them could take the
 * same port between this check and the listen; on another address it cannot.
 */
export function freeLoopbackAddress(): Promise<string> {
  const host = `127.45.${randomInt(0, 256)}.${randomInt(1, 255)}`;
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(`${host}:${port}`));
    });
  });
}

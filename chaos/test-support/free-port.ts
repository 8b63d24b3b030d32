import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A port on 127.0.0.1 that was free a moment ago, for a test that must name
 * an address before the server at it listens (a proxy's `localhost:<port>`,
 * an element configured with its peers' addresses). It is taken below the
 * kernel's ephemeral range, so a server of a test running alongside (which
 * listens on port 0) cannot be handed the same port in between.
 */
export async function freePort(): Promise<number> {
  const below = ephemeralLow();
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = randomInt(Math.max(1024, below - 12_000), below);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port found below ${below} on 127.0.0.1 in 50 attempts`);
}

/** The low end of the ephemeral port range (Linux's setting; IANA's 49152 elsewhere). */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (Number.isInteger(low) && low > 2048) return low;
  } catch {
    // Not Linux: fall through.
  }
  return 49152;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

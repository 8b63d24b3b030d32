/**
 * A server for the layer-cost benchmark, in its own process so the load
 * generator does not share its event loop. Prints one JSON line
 * `{ url, method, path, body }` describing the request to load it with, and
 * runs until killed.
 *
 * Usage: node layer-server.js bare | mock-hlr | mock-hlr-proxied | mock-hlr-node
 *
 * `mock-hlr-node` is the same HLR, contract and zod validation served
 * straight on `node:http` (no WHATWG Request/Response in between): what
 * mocks/http/serve.ts would cost with the fast path proposed in
 * BENCHMARKS.md, measured here so the proposal has a number.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faker, en, base } from '@faker-js/faker';
import { HomeLocationRegister } from '../../simulator/elements/home-location-register.js';
import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { SubscriberFactory } from '../../simulator/subscriber.js';
import { serveHandler } from '../../mocks/http/serve.js';
import { createHlrHandler } from '../../mocks/hlr/handler.js';
import { hlrContract } from '../../mocks/hlr/contract.js';
import { startCpuProfile } from '../cpu-profile.js';
import { startEmbeddedToxiproxy } from '../../chaos/embedded/index.js';
import { ChaosNetwork } from '../../chaos/chaos-network.js';
import { compiledSchema } from '../../mocks/http/compiled-schema.js';
import { startBareServer } from './bare-server.js';

const mode = process.argv[2];
// With ROAM_BENCH_PROFILE=<file>, SIGUSR2 starts the CPU profiler (after the parent's warm-up) and
// SIGTERM writes the profile there before exiting.
const profilePath = process.env['ROAM_BENCH_PROFILE'];
let stopProfile: (() => Promise<void>) | undefined;
if (profilePath) process.on('SIGUSR2', () => void startCpuProfile(profilePath).then((stop) => (stopProfile = stop)));
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void (stopProfile?.() ?? Promise.resolve()).finally(() => process.exit(0)));

async function main(): Promise<void> {
  if (mode === 'bare') return announce((await startBareServer()).url, '{}');
  const agreements = new RoamingAgreements();
  agreements.add('262-01', '208-01');
  const hlr = new HomeLocationRegister({ plmn: '262-01', agreements });
  const [subscriber] = new SubscriberFactory(new Faker({ locale: [en, base], seed: 1 })).create({ home: '262-01', count: 1 });
  const { k, opc } = subscriber!.credentials.reveal();
  hlr.provision({ imsi: subscriber!.imsi, msisdn: subscriber!.msisdn, k, opc });
  const body = JSON.stringify({ imsi: subscriber!.imsi, count: 1 });
  if (mode === 'mock-hlr-node') return announce(await serveNodeNative(hlr), body);
  const server = await serveHandler(createHlrHandler(hlr));
  if (mode === 'mock-hlr') return announce(server.url, body);
  const toxiproxy = await startEmbeddedToxiproxy();
  const link = await new ChaosNetwork(toxiproxy.url).addLink('vlr:208-01 -> hlr:262-01', `${server.host}:${server.port}`);
  return announce(`http://${link.listen}`, body);
}

/** SendAuthInfo on node:http directly: read the body, JSON.parse, the contract's zod schemas both ways, JSON.stringify. */
async function serveNodeNative(hlr: HomeLocationRegister): Promise<string> {
  const endpoint = hlrContract.sendAuthInfo;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let status = 200;
      let out: string;
      const parsed = compiledSchema(endpoint.request).safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      if (!parsed.success) {
        status = 400;
        out = JSON.stringify({ title: 'Invalid request body' });
      } else {
        const vectors = hlr.sendAuthInfo(parsed.data, parsed.data.vlrNumber);
        out = JSON.stringify(compiledSchema(endpoint.response).parse({ vectors }));
      }
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
      res.end(out);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function announce(url: string, body: string): void {
  const path = mode === 'bare' ? '/' : '/hlr/v1/auth-info';
  process.stdout.write(JSON.stringify({ url, method: 'POST', path, body }) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(String(error) + '\n');
  process.exit(1);
});

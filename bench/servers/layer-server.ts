/**
 * A server for the layer-cost benchmark, in its own process so the load
 * generator does not share its event loop. Prints one JSON line
 * `{ url, method, path, body }` describing the request to load it with, and
 * runs until killed.
 *
 * Usage: node layer-server.js bare | mock-hlr | mock-hlr-proxied
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faker, en, base } from '@faker-js/faker';
import { HomeLocationRegister } from '../../simulator/elements/home-location-register.js';
import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { SubscriberFactory } from '../../simulator/subscriber.js';
import { serveHandler } from '../../mocks/http/serve.js';
import { createHlrHandler } from '../../mocks/hlr/handler.js';
import { startEmbeddedToxiproxy } from '../../chaos/embedded/index.js';
import { ChaosNetwork } from '../../chaos/chaos-network.js';

const mode = process.argv[2];
// Exit normally on a signal so --cpu-prof can write its profile.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));

async function main(): Promise<void> {
  if (mode === 'bare') {
    const body = JSON.stringify({
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
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return announce(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, '{}');
  }
  const agreements = new RoamingAgreements();
  agreements.add('262-01', '208-01');
  const hlr = new HomeLocationRegister({ plmn: '262-01', agreements });
  const [subscriber] = new SubscriberFactory(new Faker({ locale: [en, base], seed: 1 })).create({ home: '262-01', count: 1 });
  const { k, opc } = subscriber!.credentials.reveal();
  hlr.provision({ imsi: subscriber!.imsi, msisdn: subscriber!.msisdn, k, opc });
  const server = await serveHandler(createHlrHandler(hlr));
  const body = JSON.stringify({ imsi: subscriber!.imsi, count: 1 });
  if (mode === 'mock-hlr') return announce(server.url, body);
  const toxiproxy = await startEmbeddedToxiproxy();
  const link = await new ChaosNetwork(toxiproxy.url).addLink('vlr:208-01 -> hlr:262-01', `${server.host}:${server.port}`);
  return announce(`http://${link.listen}`, body);
}

function announce(url: string, body: string): void {
  const path = mode === 'bare' ? '/' : '/hlr/v1/auth-info';
  process.stdout.write(JSON.stringify({ url, method: 'POST', path, body }) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(String(error) + '\n');
  process.exit(1);
});

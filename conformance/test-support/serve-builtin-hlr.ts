// Run as its own process by builtin-hlr-process.ts: serves the built-in HLR and prints its URL.
import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { serveElement } from '../../mocks/element/served-element.js';
import { hlrElement } from '../../mocks/hlr/element.js';

const [home = '262-01', visited = '208-01'] = process.argv.slice(2);
const agreements = new RoamingAgreements();
agreements.add(home, visited);
const served = await serveElement(hlrElement({ plmn: home, agreements }));
process.stdout.write(`${served.url}\n`);
process.once('SIGTERM', () => void served.close().then(() => process.exit(0)));

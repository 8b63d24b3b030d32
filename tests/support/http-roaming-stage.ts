/**
 * The same port-level roaming world as the Diameter stage, over the
 * harness's HTTP elements: the home HLR and billing served with their
 * fetch handlers, the VLRs of 208-01 and 214-01 reaching them with
 * HlrClient and BillingClient (optionally through a proxy per link), and
 * CancelLocation delivered in-process. Tests run one scenario on both and
 * compare what the phone and billing see.
 *
 * @module
 */
import { Faker, base, en } from '@faker-js/faker';
import { createBillingState, type BillingState } from '../../mocks/billing/billing-state.js';
import { BillingClient } from '../../mocks/billing/client.js';
import { createBillingHandler } from '../../mocks/billing/handler.js';
import { HlrClient } from '../../mocks/hlr/client.js';
import { createHlrHandler } from '../../mocks/hlr/handler.js';
import { serveHandler } from '../../mocks/http/serve.js';
import { realClock } from '../../core/clock.js';
import { directVisitedNetworks } from '../../simulator/elements/direct-ports.js';
import { HomeLocationRegister } from '../../simulator/elements/home-location-register.js';
import type { HandoverPort } from '../../simulator/signaling/ports.js';
import { VisitorLocationRegister } from '../../simulator/elements/visitor-location-register.js';
import type { PlmnId } from '../../simulator/plmn.js';
import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { SubscriberFactory } from '../../simulator/subscriber.js';
import { VISITED, attachAt, type LinkRouter, type RoamingStage } from './diameter-stage.js';

/** Starts the HTTP stage; `timeoutMs` is every client's request timeout (default 2 s, as the Diameter stage's Tx). */
export async function startHttpRoamingStage(options: { through?: LinkRouter; timeoutMs?: number } = {}, seed = 11): Promise<RoamingStage> {
  const through: LinkRouter = options.through ?? (async (_link, upstream) => upstream);
  const agreements = new RoamingAgreements();
  for (const visited of VISITED) agreements.add('262-01', visited);
  const vlrs = new Map<PlmnId, VisitorLocationRegister>();
  const hlr = new HomeLocationRegister({
    plmn: '262-01',
    agreements,
    visitedNetworks: directVisitedNetworks(() => vlrs.values()),
    onCancelLocationFailed: () => undefined,
  });
  const billing: BillingState = createBillingState('262-01', agreements);
  const hlrServer = await serveHandler(createHlrHandler(hlr), { name: 'hlr:262-01' });
  const billingServer = await serveHandler(createBillingHandler(billing), { name: 'billing:262-01' });
  const handoverTargets = new Map<PlmnId, HandoverPort>();
  const timeoutMs = options.timeoutMs ?? 2_000;
  for (const plmn of VISITED) {
    const toHlr = await through(`vlr:${plmn} -> hlr:262-01`, hlrServer);
    const toBilling = await through(`vlr:${plmn} -> billing:262-01`, billingServer);
    const vlr = new VisitorLocationRegister({
      plmn,
      vlrNumber: `vlr-${plmn}`,
      clock: realClock,
      homeNetworks: new Map([
        ['262-01' as PlmnId, new HlrClient({ baseUrl: `http://${toHlr.host}:${toHlr.port}`, vlrNumber: `vlr-${plmn}`, timeoutMs })],
      ]),
      charging: new BillingClient({ baseUrl: `http://${toBilling.host}:${toBilling.port}`, timeoutMs }),
      handoverTargets,
    });
    vlrs.set(plmn, vlr);
    handoverTargets.set(plmn, vlr);
  }
  const factory = new SubscriberFactory(new Faker({ locale: [en, base], seed }));
  const close = async () => {
    await Promise.all([...vlrs.values()].map((v) => v.settled()));
    await Promise.all([hlrServer.close(), billingServer.close()]);
  };
  return {
    protocol: 'http',
    agreements,
    hlr,
    billing,
    vlrs,
    subscriber(opts = {}) {
      const [subscriber] = factory.create({ home: '262-01' });
      if (opts.provision !== false) {
        const { k, opc } = subscriber!.credentials.reveal();
        hlr.provision({ imsi: subscriber!.imsi, msisdn: subscriber!.msisdn, k, opc, ...(opts.roaming ? { roaming: opts.roaming } : {}) });
      }
      return subscriber!;
    },
    attach: (subscriber, visited) => attachAt(vlrs.get(visited)!, subscriber),
    close,
    [Symbol.asyncDispose]: close,
  };
}

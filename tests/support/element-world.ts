/**
 * A small in-process roaming world for the fuzz and bad-input tests: the
 * home HLR and billing of 262-01 and the VLR of 208-01, each as its fetch
 * handler, wired to each other in-process (no ports), with a subscriber
 * attached, a call and a data session open. `snapshot()` renders every
 * element's observable state, to compare before and after a refused request.
 *
 * @module
 */
import { Faker, base, en } from '@faker-js/faker';
import { HomeLocationRegister } from '../../simulator/elements/home-location-register.js';
import { VisitorLocationRegister } from '../../simulator/elements/visitor-location-register.js';
import type { HomeNetworkPort, PlmnId } from '../../simulator/index.js';
import { realClock } from '../../core/clock.js';
import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { answerChallenge } from '../../simulator/procedures/attach.js';
import { SubscriberFactory, type Subscriber } from '../../simulator/subscriber.js';
import { BillingClient } from '../../mocks/billing/client.js';
import { createBillingState, type BillingState } from '../../mocks/billing/billing-state.js';
import { createBillingHandler } from '../../mocks/billing/handler.js';
import { ElementFaults } from '../../mocks/element/element-faults.js';
import { HlrClient } from '../../mocks/hlr/client.js';
import { createHlrHandler } from '../../mocks/hlr/handler.js';
import type { FetchHandler } from '../../mocks/http/fetch-handler.js';
import { withHealth } from '../../mocks/http/health.js';
import { createRouter } from '../../mocks/http/element-router.js';
import { VlrClient } from '../../mocks/vlr/client.js';
import { createVlrHandler } from '../../mocks/vlr/handler.js';

/** A fetch function served by a handler in this process. */
export function inProcessFetch(handler: FetchHandler): typeof fetch {
  return ((input: RequestInfo | URL, init?: RequestInit) => handler(new Request(input, init))) as typeof fetch;
}

/** The world and the ids a request can name. */
export interface ElementWorld {
  readonly hlr: HomeLocationRegister;
  readonly vlr: VisitorLocationRegister;
  readonly billing: BillingState;
  readonly faults: ElementFaults;
  readonly handlers: {
    readonly hlr: FetchHandler;
    readonly vlr: FetchHandler;
    readonly billing: FetchHandler;
    readonly faults: FetchHandler;
  };
  /** Attached at 208-01, with a call and a data session open. */
  readonly roamer: Subscriber;
  /** Provisioned, not attached. */
  readonly homebody: Subscriber;
  readonly callId: string;
  readonly sessionId: string;
  /** A pending attach of the homebody (challenge not answered). */
  readonly transactionId: string;
  /** Every element's observable state, as text. */
  snapshot(): Promise<string>;
}

/** Builds the world; every id in it is deterministic for a seed. */
export async function startElementWorld(seed = 7): Promise<ElementWorld> {
  const agreements = new RoamingAgreements();
  agreements.add('262-01', '208-01');
  const hlr = new HomeLocationRegister({ plmn: '262-01', agreements });
  const billing = createBillingState('262-01', agreements);
  const hlrHandler = createHlrHandler(hlr);
  const billingHandler = createBillingHandler(billing);
  const homeNetworks = new Map<PlmnId, HomeNetworkPort>([
    ['262-01' as PlmnId, new HlrClient({ baseUrl: 'http://hlr.test', fetch: inProcessFetch(hlrHandler), vlrNumber: 'vlr-208-01' })],
  ]);
  const vlr = new VisitorLocationRegister({
    plmn: '208-01',
    vlrNumber: 'vlr-208-01',
    homeNetworks,
    clock: realClock,
    charging: new BillingClient({ baseUrl: 'http://billing.test', fetch: inProcessFetch(billingHandler) }),
  });
  const vlrHandler = createVlrHandler(vlr);
  const faults = new ElementFaults();
  const [roamer, homebody] = new SubscriberFactory(new Faker({ locale: [en, base], seed })).create({ home: '262-01', count: 2 });
  for (const s of [roamer!, homebody!]) {
    const { k, opc } = s.credentials.reveal();
    hlr.provision({ imsi: s.imsi, msisdn: s.msisdn, k, opc });
  }
  const access = new VlrClient({ baseUrl: 'http://vlr.test', fetch: inProcessFetch(vlrHandler) });
  const challenge = await access.attachRequest(roamer!.imsi);
  await access.authenticationResponse(challenge.transactionId, answerChallenge(roamer!, challenge));
  const call = await access.originateCall({ imsi: roamer!.imsi, otherParty: '+33612345678' });
  const session = await access.openDataSession({ imsi: roamer!.imsi });
  const pending = await access.attachRequest(homebody!.imsi);
  await vlr.settled();
  return {
    hlr,
    vlr,
    billing,
    faults,
    handlers: {
      hlr: hlrHandler,
      vlr: vlrHandler,
      billing: billingHandler,
      faults: withHealth('billing:262-01', createRouter('billing:262-01', faults.routes())),
    },
    roamer: roamer!,
    homebody: homebody!,
    callId: call.callId,
    sessionId: session.sessionId,
    transactionId: pending.transactionId,
    async snapshot() {
      await vlr.settled();
      return JSON.stringify({
        hlr: hlr.list(),
        vlr: { records: [...vlr.records.entries()], sessions: vlr.activeSessions },
        billing: {
          events: billing.ledger.events(),
          records: billing.cdrs.records,
          open: billing.cdrs.openSessions,
          duplicates: billing.cdrs.duplicates,
          registrations: billing.cdrs.registrations,
        },
        fault: faults.current ?? null,
      });
    },
  };
}

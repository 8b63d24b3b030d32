import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { HomeLocationRegister } from '../../simulator/elements/home-location-register.js';
import { createHlrHandler } from '../../mocks/hlr/handler.js';
import { serveHandler, type StartedServer } from '../../mocks/http/serve.js';
import { json } from '../../mocks/http/problem.js';

/** How a deliberately broken HLR breaks the contract. */
export type HlrBreakage = 'flipped-autn' | 'unknown-imsi-accepted';

/**
 * The built-in HLR with one defect, on a real port, for proving that the
 * suite fails an implementation that is wrong: `flipped-autn` flips the last
 * bit of every AUTN (the MAC no longer verifies), `unknown-imsi-accepted`
 * answers an UpdateLocation for an IMSI it does not hold as if it did.
 */
export async function startBrokenHlr(breakage: HlrBreakage, home = '262-01', visited = '208-01'): Promise<StartedServer> {
  const agreements = new RoamingAgreements();
  agreements.add(home, visited);
  const hlr = new HomeLocationRegister({ plmn: home, agreements });
  const honest = createHlrHandler(hlr);
  return serveHandler(async (request) => {
    const path = new URL(request.url).pathname;
    if (breakage === 'flipped-autn' && path === '/hlr/v1/auth-info') {
      const answer = await honest(request);
      if (!answer.ok) return answer;
      const body = (await answer.json()) as { vectors: { autn: string }[] };
      for (const v of body.vectors) v.autn = v.autn.slice(0, -1) + (parseInt(v.autn.slice(-1), 16) ^ 1).toString(16);
      return json(body);
    }
    if (breakage === 'unknown-imsi-accepted' && path === '/hlr/v1/update-location') {
      const body = (await request.clone().json()) as { imsi: string };
      if (!hlr.find(body.imsi)) return json({ subscriberData: { msisdn: '+491510000000', services: ['voice'] } });
    }
    return honest(request);
  });
}

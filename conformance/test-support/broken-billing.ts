import { randomUUID } from 'node:crypto';
import { RoamingAgreements } from '../../simulator/policy/agreements.js';
import { createBillingState } from '../../mocks/billing/billing-state.js';
import { createBillingHandler } from '../../mocks/billing/handler.js';
import { serveHandler, type StartedServer } from '../../mocks/http/serve.js';

/**
 * The built-in billing system with one defect, on a real port: it does not
 * de-duplicate, so a retried charging event (same idempotency key) is
 * billed again, as a new event.
 */
export async function startDoubleCountingBilling(home = '262-01', visited = '208-01'): Promise<StartedServer> {
  const agreements = new RoamingAgreements();
  agreements.add(home, visited);
  const honest = createBillingHandler(createBillingState(home, agreements));
  return serveHandler(async (request) => {
    if (request.method !== 'POST' || new URL(request.url).pathname !== '/billing/v1/charging-events') return honest(request);
    const event = (await request.json()) as { idempotencyKey?: string };
    // The defect: every event gets a key of its own, so nothing is ever a duplicate.
    if (typeof event.idempotencyKey === 'string') event.idempotencyKey = `${event.idempotencyKey}#${randomUUID()}`;
    return honest(new Request(request.url, { method: 'POST', headers: request.headers, body: JSON.stringify(event) }));
  });
}

import type { CaseContext } from '../core/case-context.js';
import type { BillingUnderTest } from './billing-under-test.js';

/** The CDRs billing holds for one session (a billing system in use holds others too). */
export async function recordsOf(billing: BillingUnderTest, ctx: CaseContext, sessionId: string) {
  const listing = await ctx.answer(billing.client.cdrs(), { procedure: 'listing the CDRs (GET /billing/v1/cdrs)' });
  return listing.records.filter((r) => r.sessionId === sessionId);
}

/** Whether billing lists the session as open. */
export async function isOpen(billing: BillingUnderTest, ctx: CaseContext, sessionId: string): Promise<boolean> {
  const listing = await ctx.answer(billing.client.cdrs(), { procedure: 'listing the CDRs (GET /billing/v1/cdrs)' });
  return listing.open.includes(sessionId);
}

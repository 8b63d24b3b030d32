import { countOf } from '../core/case-context.js';
import type { CaseContext } from '../core/case-context.js';
import { describeOutcome, outcomeOf } from '../core/case-context.js';
import { conformanceCase } from '../core/conformance-case.js';
import type { BillingUnderTest } from './billing-under-test.js';
import { chargingSession } from './charging-events.js';
import { isOpen, recordsOf } from './cdr-lookup.js';

/** Session charging (start, interim, stop), sessions left open, late events, rating, and a lost answer. */
export const billingSessionCases = [
  conformanceCase<BillingUnderTest>({
    id: 'BILL-SES-01',
    title: 'A call charged start, interim, stop closes one CDR of its whole duration',
    procedure: 'charging events start, interim (30 s), stop (15 s) of one voice session',
    expectation: 'one CDR of 45 s for the session, no longer open',
    run: async (billing, ctx: CaseContext) => {
      const call = chargingSession(billing, 'voice');
      for (const event of [call.event('start'), call.event('interim', { seconds: 30 }), call.event('stop', { seconds: 15 })]) {
        await ctx.answer(billing.client.recordEvent(event));
      }
      const records = await recordsOf(billing, ctx, call.sessionId);
      const seconds = records.reduce((n, r) => n + (r.seconds ?? 0), 0);
      ctx.check(records.length === 1 && seconds === 45, `${countOf(records.length, 'CDR')} of ${seconds} s`);
      ctx.check(!(await isOpen(billing, ctx, call.sessionId)), 'the session still listed as open');
    },
  }),
  conformanceCase<BillingUnderTest>({
    id: 'BILL-SES-02',
    title: 'A session left open is listed as open and not billed as closed',
    procedure: 'charging events start and interim of a data session, never stopped',
    expectation: 'the session listed as open, and no closed CDR for it',
    run: async (billing, ctx: CaseContext) => {
      const data = chargingSession(billing, 'data');
      await ctx.answer(billing.client.recordEvent(data.event('start')));
      await ctx.answer(billing.client.recordEvent(data.event('interim', { bytes: 1_000_000 })));
      ctx.check(await isOpen(billing, ctx, data.sessionId), 'the session not listed as open');
      const records = await recordsOf(billing, ctx, data.sessionId);
      ctx.check(records.length === 0, `${countOf(records.length, 'closed CDR')}`);
    },
  }),
  conformanceCase<BillingUnderTest>({
    id: 'BILL-SES-03',
    title: 'A second stop for a closed session bills nothing more',
    procedure: 'a stop (with its own idempotency key) after the session was stopped',
    expectation: 'acknowledged as a duplicate (nothing new billed), and the CDR unchanged',
    run: async (billing, ctx: CaseContext) => {
      const call = chargingSession(billing, 'voice');
      await ctx.answer(billing.client.recordEvent(call.event('start')));
      await ctx.answer(billing.client.recordEvent(call.event('stop', { seconds: 20 })));
      const late = await ctx.answer(billing.client.recordEvent(call.event('stop', { seconds: 20 })));
      const records = await recordsOf(billing, ctx, call.sessionId);
      const seconds = records.reduce((n, r) => n + (r.seconds ?? 0), 0);
      ctx.check(late.duplicate && seconds === 20, `the late stop acknowledged with duplicate ${late.duplicate}, and ${seconds} s billed`);
    },
  }),
  conformanceCase<BillingUnderTest>({
    id: 'BILL-RATE-01',
    title: 'A closed CDR is rated with an amount and a currency',
    procedure: 'listing the rated CDRs after a short message was charged',
    expectation: 'the CDR rated (amount >= 0, a currency, a record id no other CDR has)',
    run: async (billing, ctx: CaseContext) => {
      const sms = chargingSession(billing, 'sms');
      await ctx.answer(billing.client.recordEvent(sms.event('event', { messages: 1 })));
      const rated = await ctx.answer(billing.client.ratedCdrs());
      const mine = rated.records.filter((r) => r.sessionId === sms.sessionId);
      ctx.check(
        mine.length === 1,
        `${countOf(mine.length, 'rated CDR')} for the session${rated.unrated.some((u) => u.record.sessionId === sms.sessionId) ? ' (it is unrated)' : ''}`,
      );
      ctx.check(mine[0]!.amount >= 0 && mine[0]!.currency.length > 0, `amount ${mine[0]!.amount} ${mine[0]!.currency}`);
      ctx.check(rated.records.filter((r) => r.recordId === mine[0]!.recordId).length === 1, 'its record id on another CDR too');
    },
  }),
  conformanceCase<BillingUnderTest>({
    id: 'BILL-NET-01',
    title: 'An interim event whose answer was lost, retried, is billed once',
    procedure:
      'an interim (30 s) of a call whose answer the link drops, sent again with the same key once the link heals, then stop (15 s)',
    expectation: 'the retry acknowledged, and one CDR of 45 s: never billed twice',
    run: async (billing, ctx: CaseContext) => {
      const call = chargingSession(billing, 'voice');
      await ctx.answer(billing.client.recordEvent(call.event('start')));
      const interim = call.event('interim', { seconds: 30 });
      // Requests go through; every answer is reset on its way back.
      const cut = await billing.link.partition({ direction: 'reverse', mode: 'refused' });
      let lost;
      try {
        lost = await outcomeOf(billing.client.recordEvent(interim));
      } finally {
        await cut.remove();
      }
      ctx.check(lost.kind === 'failure', () => `${describeOutcome(lost)} through a link that drops answers`, {
        expectation: 'no answer (setup)',
      });
      await ctx.answer(billing.client.recordEvent(interim));
      await ctx.answer(billing.client.recordEvent(call.event('stop', { seconds: 15 })));
      const records = await recordsOf(billing, ctx, call.sessionId);
      const seconds = records.reduce((n, r) => n + (r.seconds ?? 0), 0);
      ctx.check(records.length === 1 && seconds === 45, `${countOf(records.length, 'CDR')} of ${seconds} s`);
    },
  }),
];

import { countOf } from '../core/case-context.js';
import type { CaseContext } from '../core/case-context.js';
import { describeOutcome, outcomeOf } from '../core/case-context.js';
import { conformanceCase } from '../core/conformance-case.js';
import type { BillingUnderTest } from './billing-under-test.js';
import { chargingSession } from './charging-events.js';
import { recordsOf } from './cdr-lookup.js';

/** Event charging: once per idempotency key, retries acknowledged as duplicates, conflicts and strangers refused. */
export const billingEventCases = [
  conformanceCase<BillingUnderTest>({
    id: 'BILL-EVT-01',
    title: 'A short message charged once is billed once',
    procedure: 'charging event (SMS, 1 message) for a subscriber of the home network',
    expectation: 'recorded, not a duplicate, and one CDR of 1 message for the session',
    run: async (billing, ctx: CaseContext) => {
      const sms = chargingSession(billing, 'sms');
      const answer = await ctx.answer(billing.client.recordEvent(sms.event('event', { messages: 1 })));
      ctx.check(answer.recorded && !answer.duplicate, `recorded ${answer.recorded}, duplicate ${answer.duplicate}`);
      const records = await recordsOf(billing, ctx, sms.sessionId);
      ctx.check(
        records.length === 1 && records[0]!.messages === 1,
        `${countOf(records.length, 'CDR')}, ${records.map((r) => r.messages ?? 0).join('+') || 0} messages`,
      );
    },
  }),
  conformanceCase<BillingUnderTest>({
    id: 'BILL-EVT-02',
    title: 'A retried charging event is acknowledged as a duplicate and billed once',
    procedure:
      'a call charged start, interim (30 s) sent twice with the same idempotency key (a VLR retrying after a lost answer), stop (15 s)',
    expectation: 'the retry acknowledged as a duplicate, the interim listed once, and one CDR of 45 s',
    run: async (billing, ctx: CaseContext) => {
      const call = chargingSession(billing, 'voice');
      const interim = call.event('interim', { seconds: 30 });
      await ctx.answer(billing.client.recordEvent(call.event('start')));
      await ctx.answer(billing.client.recordEvent(interim));
      const retry = await ctx.answer(billing.client.recordEvent(interim));
      await ctx.answer(billing.client.recordEvent(call.event('stop', { seconds: 15 })));
      const records = await recordsOf(billing, ctx, call.sessionId);
      const seconds = records.reduce((n, r) => n + (r.seconds ?? 0), 0);
      ctx.check(
        retry.duplicate && records.length === 1 && seconds === 45,
        `the retry acknowledged with duplicate ${retry.duplicate}, and ${countOf(records.length, 'CDR')} of ${seconds} s`,
      );
      const listed = (await ctx.answer(billing.client.list(), { procedure: 'listing the charging events' })).filter(
        (e) => e.sessionId === call.sessionId && e.kind === 'interim',
      );
      ctx.check(listed.length === 1, `the interim listed ${listed.length} times`);
    },
  }),
  conformanceCase<BillingUnderTest>({
    id: 'BILL-EVT-03',
    title: 'An idempotency key reused for another event is refused',
    procedure: 'a second, different charging event with an idempotency key already taken',
    expectation: 'HTTP 409 (or 422), and nothing billed for it',
    run: async (billing, ctx: CaseContext) => {
      const sms = chargingSession(billing, 'sms');
      const first = sms.event('event', { messages: 1 });
      await ctx.answer(billing.client.recordEvent(first));
      const outcome = await outcomeOf(billing.client.recordEvent({ ...first, usage: { messages: 5 } }));
      ctx.check(outcome.kind === 'refused' && (outcome.status === 409 || outcome.status === 422), () =>
        describeOutcome(outcome, (a: { duplicate: boolean }) => `an acknowledgement (duplicate ${a.duplicate})`),
      );
      const total = (await recordsOf(billing, ctx, sms.sessionId)).reduce((n, r) => n + (r.messages ?? 0), 0);
      ctx.check(total === 1, `${countOf(total, 'message')} billed`);
    },
  }),
  conformanceCase<BillingUnderTest>({
    id: 'BILL-EVT-04',
    title: "A charging event for another network's subscriber is refused",
    procedure: 'charging event for an IMSI of another home network',
    expectation: 'a refusal (HTTP 4xx), nothing billed',
    run: async (billing, ctx: CaseContext) => {
      const stranger = chargingSession(billing, 'sms', '001019876543210');
      const outcome = await outcomeOf(billing.client.recordEvent(stranger.event('event', { messages: 1 })));
      ctx.check(outcome.kind === 'refused' && outcome.status >= 400 && outcome.status < 500, () => describeOutcome(outcome));
      ctx.check((await recordsOf(billing, ctx, stranger.sessionId)).length === 0, 'a CDR for the stranger');
    },
  }),
  conformanceCase<BillingUnderTest>({
    id: 'BILL-EVT-05',
    title: 'A charging event without an IMSI is refused as invalid',
    procedure: 'charging event whose body lacks the imsi field',
    expectation: 'HTTP 400',
    run: async (billing, ctx: CaseContext) => {
      const { imsi: _imsi, ...bad } = chargingSession(billing, 'sms').event('event', { messages: 1 });
      const response = await fetch(`${billing.baseUrl}/billing/v1/charging-events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(billing.authorization ? { authorization: billing.authorization } : {}) },
        body: JSON.stringify(bad),
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      ctx.check(response.status === 400, `HTTP ${response.status}`);
    },
  }),
  conformanceCase<BillingUnderTest>({
    id: 'BILL-AUTH-01',
    title: 'A charging event without a credential is refused',
    procedure: 'charging event with no Authorization header, to a billing system that authenticates its senders',
    expectation: 'HTTP 401 (or 403), nothing billed',
    run: async (billing, ctx: CaseContext) => {
      if (!billing.authenticates)
        ctx.skip('the target was given no credential to check (pass --token for a billing system that authenticates)');
      const sms = chargingSession(billing, 'sms');
      const outcome = await outcomeOf(billing.anonymous.recordEvent(sms.event('event', { messages: 1 })));
      ctx.check(outcome.kind === 'refused' && (outcome.status === 401 || outcome.status === 403), () => describeOutcome(outcome));
      ctx.check((await recordsOf(billing, ctx, sms.sessionId)).length === 0, 'a CDR for the refused event');
    },
  }),
];

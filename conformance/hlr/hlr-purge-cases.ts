import type { CaseContext } from '../core/case-context.js';
import { conformanceCase } from '../core/conformance-case.js';
import { describeOutcome, outcomeOf } from '../core/case-context.js';
import { unknownImsi } from '../subscribers/test-subscriber.js';
import type { HlrUnderTest } from './hlr-under-test.js';
import { vectorsProblem } from './vector-checks.js';

const VLR = 'conformance-vlr-1';

/** PurgeMS, a malformed subscriber, and the link to the HLR failing under the suite. */
export const hlrPurgeCases = [
  conformanceCase<HlrUnderTest>({
    id: 'HLR-PURGE-01',
    title: 'PurgeMS from the serving VLR is acknowledged, and the subscriber can register again',
    procedure: 'PurgeMS from the serving VLR, then UpdateLocation',
    expectation: 'the purge acknowledged and the next UpdateLocation answered',
    run: async (hlr, ctx: CaseContext) => {
      const sub = await hlr.subscribers.subscriber();
      const vlr = hlr.vlr(VLR);
      await ctx.answer(vlr.updateLocation({ imsi: sub.imsi, vlrNumber: VLR, visitedPlmn: hlr.visited }), {
        procedure: 'UpdateLocation (setup)',
      });
      await ctx.answer(vlr.purgeMs({ imsi: sub.imsi, vlrNumber: VLR }));
      await ctx.answer(vlr.updateLocation({ imsi: sub.imsi, vlrNumber: VLR, visitedPlmn: hlr.visited }));
    },
  }),
  conformanceCase<HlrUnderTest>({
    id: 'HLR-PURGE-02',
    title: 'PurgeMS of an unknown subscriber is refused with IMSI_UNKNOWN',
    procedure: 'PurgeMS for an IMSI the HLR does not hold',
    expectation: 'a refusal with IMSI_UNKNOWN',
    run: async (hlr, ctx: CaseContext) => {
      await ctx.rejected(hlr.vlr(VLR).purgeMs({ imsi: unknownImsi(hlr.home), vlrNumber: VLR }), ['IMSI_UNKNOWN']);
    },
  }),
  conformanceCase<HlrUnderTest>({
    id: 'HLR-PURGE-03',
    title: 'A retried PurgeMS is acknowledged again',
    procedure: 'PurgeMS sent twice by the same VLR (a retry after a lost answer)',
    expectation: 'both acknowledged',
    run: async (hlr, ctx: CaseContext) => {
      const sub = await hlr.subscribers.subscriber();
      const vlr = hlr.vlr(VLR);
      await ctx.answer(vlr.updateLocation({ imsi: sub.imsi, vlrNumber: VLR, visitedPlmn: hlr.visited }), {
        procedure: 'UpdateLocation (setup)',
      });
      await ctx.answer(vlr.purgeMs({ imsi: sub.imsi, vlrNumber: VLR }));
      await ctx.answer(vlr.purgeMs({ imsi: sub.imsi, vlrNumber: VLR }), { procedure: 'the retried PurgeMS' });
    },
  }),
  conformanceCase<HlrUnderTest>({
    id: 'HLR-ILLEGAL-01',
    title: 'A malformed IMSI is refused, never answered with vectors',
    procedure: 'SendAuthInfo for a 5-digit IMSI',
    expectation: 'a refusal (a reject cause, or HTTP 400 for a request the contract does not allow)',
    run: async (hlr, ctx: CaseContext) => {
      const outcome = await outcomeOf(hlr.vlr(VLR).sendAuthInfo({ imsi: '26201', count: 1 }));
      ctx.check(outcome.kind === 'reject' || (outcome.kind === 'refused' && outcome.status === 400), () => describeOutcome(outcome));
      ctx.notes.push(describeOutcome(outcome));
    },
  }),
  conformanceCase<HlrUnderTest>({
    id: 'HLR-NET-01',
    title: 'After the link to the HLR was cut, the next request on a new connection is answered',
    procedure: 'SendAuthInfo while the link refuses every connection, then again after it heals',
    expectation: 'a failure (not vectors) while the link is down, then vectors the SIM accepts',
    run: async (hlr, ctx: CaseContext) => {
      const sub = await hlr.subscribers.subscriber();
      const vlr = hlr.vlr(VLR);
      await ctx.answer(vlr.sendAuthInfo({ imsi: sub.imsi, count: 1 }), { procedure: 'SendAuthInfo before the fault (setup)' });
      const cut = await hlr.link.partition({ mode: 'refused' });
      let during;
      try {
        during = await outcomeOf(vlr.sendAuthInfo({ imsi: sub.imsi, count: 1 }));
      } finally {
        await cut.remove();
      }
      ctx.check(during.kind === 'failure', () => `${describeOutcome(during)} through a cut link`);
      const after = await ctx.answer(vlr.sendAuthInfo({ imsi: sub.imsi, count: 1 }), { procedure: 'SendAuthInfo after the link healed' });
      const problem = vectorsProblem(sub, after);
      ctx.check(!problem, () => problem!);
    },
  }),
];

import { countOf } from '../core/case-context.js';
import type { CaseContext } from '../core/case-context.js';
import { conformanceCase } from '../core/conformance-case.js';
import type { VlrUnderTest } from './vlr-under-test.js';
import { attached, eventually } from './vlr-steps.js';

/** After attach: location updates, detach, CancelLocation, and what the VLR charges the home billing system. */
export const vlrServiceCases = [
  conformanceCase<VlrUnderTest>({
    id: 'VLR-LU-01',
    title: 'A location update of an IMSI the VLR does not hold is refused with IMSI_UNKNOWN_IN_VLR',
    procedure: 'periodic location update of a subscriber that never attached here',
    expectation: 'a refusal with IMSI_UNKNOWN_IN_VLR',
    run: async (vlr, ctx: CaseContext) => {
      const sub = await vlr.subscribers.subscriber();
      await ctx.rejected(vlr.access.locationUpdate({ imsi: sub.imsi, kind: 'periodic' }), ['IMSI_UNKNOWN_IN_VLR']);
    },
  }),
  conformanceCase<VlrUnderTest>({
    id: 'VLR-LU-02',
    title: 'A periodic location update of an attached roamer is accepted',
    procedure: 'periodic location update after attach',
    expectation: 'a location-updated answer',
    run: async (vlr, ctx: CaseContext) => {
      const sub = await vlr.subscribers.subscriber();
      await attached(vlr, ctx, sub);
      const updated = await ctx.answer(vlr.access.locationUpdate({ imsi: sub.imsi, kind: 'periodic' }));
      ctx.check(updated.kind === 'location-updated', `a ${updated.kind} answer`);
    },
  }),
  conformanceCase<VlrUnderTest>({
    id: 'VLR-DET-01',
    title: 'After detach the VLR no longer holds the roamer',
    procedure: 'detach after attach, then a periodic location update',
    expectation: 'the detach acknowledged, then the location update refused with IMSI_UNKNOWN_IN_VLR',
    run: async (vlr, ctx: CaseContext) => {
      const sub = await vlr.subscribers.subscriber();
      await attached(vlr, ctx, sub);
      await ctx.answer(vlr.access.detach({ imsi: sub.imsi }));
      await ctx.rejected(vlr.access.locationUpdate({ imsi: sub.imsi, kind: 'periodic' }), ['IMSI_UNKNOWN_IN_VLR']);
    },
  }),
  conformanceCase<VlrUnderTest>({
    id: 'VLR-CANCEL-01',
    title: 'CancelLocation from the home HLR removes the roamer',
    procedure: 'CancelLocation (updateProcedure) from the home HLR for an attached roamer, then a location update',
    expectation: 'cancelled: true, then the location update refused with IMSI_UNKNOWN_IN_VLR',
    run: async (vlr, ctx: CaseContext) => {
      const sub = await vlr.subscribers.subscriber();
      await attached(vlr, ctx, sub);
      const cancelled = await ctx.answer(vlr.access.cancelLocation(sub.imsi));
      ctx.check(cancelled, 'cancelled: false');
      await ctx.rejected(vlr.access.locationUpdate({ imsi: sub.imsi, kind: 'periodic' }), ['IMSI_UNKNOWN_IN_VLR']);
    },
  }),
  conformanceCase<VlrUnderTest>({
    id: 'VLR-CHG-01',
    title: 'A short message is charged once to the home billing system',
    procedure: 'mobile-originated short message of an attached roamer',
    expectation: 'accepted, and exactly one SMS charge at the home billing system for the subscriber, from this network',
    run: async (vlr, ctx: CaseContext) => {
      const sub = await vlr.subscribers.subscriber();
      await attached(vlr, ctx, sub);
      await ctx.answer(vlr.access.submitShortMessage({ imsi: sub.imsi, otherParty: '+33612345678' }));
      const charges = () =>
        vlr
          .billing()
          .ledger.events()
          .filter((e) => e.imsi === sub.imsi && e.service === 'sms');
      await eventually(() => charges().length > 0);
      // A little longer, so a second (duplicate) charge would show.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const seen = charges();
      ctx.check(
        seen.length === 1 && seen[0]!.visitedPlmn === vlr.visited,
        `${countOf(seen.length, 'SMS charge')}${seen[0] ? ` from ${seen[0].visitedPlmn}` : ''}`,
      );
    },
  }),
  conformanceCase<VlrUnderTest>({
    id: 'VLR-CHG-02',
    title: 'A data session is charged start to stop with its whole volume',
    procedure: 'data session opened, 1 000 000 bytes reported, closed with 500 000 more',
    expectation: 'one closed data CDR of 1 500 000 bytes at the home billing system, no session left open',
    run: async (vlr, ctx: CaseContext) => {
      const sub = await vlr.subscribers.subscriber();
      await attached(vlr, ctx, sub);
      const opened = await ctx.answer(vlr.access.openDataSession({ imsi: sub.imsi }));
      await ctx.answer(vlr.access.reportDataUsage({ sessionId: opened.sessionId, bytesUp: 400_000, bytesDown: 600_000 }));
      await ctx.answer(vlr.access.closeDataSession({ sessionId: opened.sessionId, bytesUp: 200_000, bytesDown: 300_000 }));
      const cdrs = () => vlr.billing().cdrs.records.filter((r) => r.imsi === sub.imsi && r.service === 'data');
      await eventually(() => cdrs().length > 0);
      const bytes = cdrs().reduce((n, r) => n + (r.bytes ?? 0), 0);
      const open = vlr.billing().cdrs.openUsage.filter((u) => u.imsi === sub.imsi);
      ctx.check(
        cdrs().length === 1 && bytes === 1_500_000 && open.length === 0,
        `${countOf(cdrs().length, 'data CDR')} of ${bytes} bytes, ${countOf(open.length, 'session')} left open`,
      );
    },
  }),
];

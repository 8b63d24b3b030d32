import type { SubscriberData } from '../../simulator/signaling/ports.js';
import type { CaseContext } from '../core/case-context.js';
import { conformanceCase } from '../core/conformance-case.js';
import { unknownImsi } from '../subscribers/test-subscriber.js';
import type { HlrUnderTest } from './hlr-under-test.js';

const VLR = 'conformance-vlr-1';
const OTHER_VLR = 'conformance-vlr-2';
const SERVICES = new Set(['voice', 'sms', 'data']);

// The MSISDN as E.164 digits: an HLR may store it with or without the "+".
const digits = (msisdn: string) => msisdn.replace(/^\+/, '');

function dataProblem(data: SubscriberData, msisdn: string): string | undefined {
  if (digits(data.msisdn) !== digits(msisdn)) return `subscriber data with another MSISDN`;
  if (data.services.length === 0) return 'subscriber data with no service';
  const unknown = data.services.find((s) => !SERVICES.has(s));
  return unknown ? `an unknown service ${JSON.stringify(unknown)}` : undefined;
}

/** UpdateLocation: registration, the roaming-policy causes, and retries. */
export const hlrLocationCases = [
  conformanceCase<HlrUnderTest>({
    id: 'HLR-LOC-01',
    title: 'UpdateLocation of a provisioned subscriber inserts its data',
    procedure: 'UpdateLocation from a VLR of a partner network',
    expectation: 'subscriber data with the provisioned MSISDN and at least one of voice, sms, data',
    run: async (hlr, ctx: CaseContext) => {
      const sub = await hlr.subscribers.subscriber();
      const data = await ctx.answer(hlr.vlr(VLR).updateLocation({ imsi: sub.imsi, vlrNumber: VLR, visitedPlmn: hlr.visited }));
      const problem = dataProblem(data, sub.msisdn);
      ctx.check(!problem, () => problem!);
    },
  }),
  conformanceCase<HlrUnderTest>({
    id: 'HLR-LOC-02',
    title: 'UpdateLocation for an unknown IMSI is refused with IMSI_UNKNOWN',
    procedure: 'UpdateLocation for an IMSI the HLR does not hold',
    expectation: 'a refusal with IMSI_UNKNOWN',
    run: async (hlr, ctx: CaseContext) => {
      await ctx.rejected(hlr.vlr(VLR).updateLocation({ imsi: unknownImsi(hlr.home), vlrNumber: VLR, visitedPlmn: hlr.visited }), [
        'IMSI_UNKNOWN',
      ]);
    },
  }),
  conformanceCase<HlrUnderTest>({
    id: 'HLR-LOC-03',
    title: 'A subscriber barred from roaming is refused',
    procedure: 'UpdateLocation from a partner network for a subscriber whose subscription bars roaming',
    expectation: 'a refusal with ROAMING_NOT_ALLOWED or PLMN_NOT_ALLOWED (both are legal)',
    run: async (hlr, ctx: CaseContext) => {
      const sub = await hlr.subscribers.subscriber({ roaming: 'barred' });
      const cause = await ctx.rejected(hlr.vlr(VLR).updateLocation({ imsi: sub.imsi, vlrNumber: VLR, visitedPlmn: hlr.visited }), [
        'ROAMING_NOT_ALLOWED',
        'PLMN_NOT_ALLOWED',
      ]);
      ctx.notes.push(`refused with ${cause}`);
    },
  }),
  conformanceCase<HlrUnderTest>({
    id: 'HLR-LOC-04',
    title: 'A network without a roaming agreement is refused',
    procedure: 'UpdateLocation from a network the home has no roaming agreement with',
    expectation: 'a refusal with PLMN_NOT_ALLOWED or ROAMING_NOT_ALLOWED (both are legal)',
    run: async (hlr, ctx: CaseContext) => {
      const sub = await hlr.subscribers.subscriber();
      const cause = await ctx.rejected(hlr.vlr(VLR).updateLocation({ imsi: sub.imsi, vlrNumber: VLR, visitedPlmn: hlr.unagreed }), [
        'PLMN_NOT_ALLOWED',
        'ROAMING_NOT_ALLOWED',
      ]);
      ctx.notes.push(`refused with ${cause}`);
    },
  }),
  conformanceCase<HlrUnderTest>({
    id: 'HLR-LOC-05',
    title: "A network outside the subscriber's own list is refused",
    procedure: 'UpdateLocation from a partner network the subscriber may not roam in',
    expectation: 'a refusal with PLMN_NOT_ALLOWED or ROAMING_NOT_ALLOWED (both are legal)',
    run: async (hlr, ctx: CaseContext) => {
      const sub = await hlr.subscribers.subscriber({ networks: [hlr.unagreed] });
      await ctx.rejected(hlr.vlr(VLR).updateLocation({ imsi: sub.imsi, vlrNumber: VLR, visitedPlmn: hlr.visited }), [
        'PLMN_NOT_ALLOWED',
        'ROAMING_NOT_ALLOWED',
      ]);
    },
  }),
  conformanceCase<HlrUnderTest>({
    id: 'HLR-LOC-06',
    title: 'A retried UpdateLocation is answered again, the same',
    procedure: 'UpdateLocation sent twice by the same VLR (a retry after a lost answer)',
    expectation: 'both answered with the same subscriber data',
    run: async (hlr, ctx: CaseContext) => {
      const sub = await hlr.subscribers.subscriber();
      const vlr = hlr.vlr(VLR);
      const request = { imsi: sub.imsi, vlrNumber: VLR, visitedPlmn: hlr.visited };
      const first = await ctx.answer(vlr.updateLocation(request));
      const again = await ctx.answer(vlr.updateLocation(request));
      ctx.check(digits(first.msisdn) === digits(again.msisdn), 'another MSISDN on the retry');
      ctx.check(new Set(first.services).size === new Set([...first.services, ...again.services]).size, 'other services on the retry');
    },
  }),
  conformanceCase<HlrUnderTest>({
    id: 'HLR-LOC-07',
    title: 'A subscriber moving to another VLR is registered there',
    procedure: 'UpdateLocation from a second VLR after the first registered the subscriber',
    expectation: 'subscriber data for the second VLR too',
    run: async (hlr, ctx: CaseContext) => {
      const sub = await hlr.subscribers.subscriber();
      await ctx.answer(hlr.vlr(VLR).updateLocation({ imsi: sub.imsi, vlrNumber: VLR, visitedPlmn: hlr.visited }));
      const moved = await ctx.answer(hlr.vlr(OTHER_VLR).updateLocation({ imsi: sub.imsi, vlrNumber: OTHER_VLR, visitedPlmn: hlr.visited }));
      const problem = dataProblem(moved, sub.msisdn);
      ctx.check(!problem, () => problem!);
    },
  }),
];

import { milenage } from '../../simulator/auth/index.js';
import type { CaseContext } from '../core/case-context.js';
import { conformanceCase } from '../core/conformance-case.js';
import { describeOutcome, outcomeOf } from '../core/case-context.js';
import { unknownImsi } from '../subscribers/test-subscriber.js';
import type { HlrUnderTest } from './hlr-under-test.js';
import { gsmValuesProblem, vectorCount, vectorsProblem } from './vector-checks.js';

const VLR = 'conformance-vlr-1';

/** SendAuthInfo: the normal procedure, the range of vectors allowed, and resynchronisation. */
export const hlrAuthCases = [
  conformanceCase<HlrUnderTest>({
    id: 'HLR-AUTH-01',
    title: 'SendAuthInfo for a provisioned IMSI returns vectors the SIM accepts',
    procedure: 'SendAuthInfo (1 vector asked) for a provisioned IMSI',
    expectation: "1 vector whose AUTN verifies with the SIM's K and whose XRES, CK and IK are the SIM's",
    run: async (hlr, ctx: CaseContext) => {
      const sub = await hlr.subscribers.subscriber();
      const vectors = await ctx.answer(hlr.vlr(VLR).sendAuthInfo({ imsi: sub.imsi, count: 1 }));
      ctx.check(vectors.length === 1, vectorCount(vectors.length));
      const problem = vectorsProblem(sub, vectors);
      ctx.check(!problem, () => problem!);
    },
  }),
  conformanceCase<HlrUnderTest>({
    id: 'HLR-AUTH-02',
    title: 'SendAuthInfo for 5 vectors returns 1 to 5, each fresh, each accepted in order',
    procedure: 'SendAuthInfo (5 vectors asked) for a provisioned IMSI',
    expectation: '1..5 vectors with distinct RANDs, each accepted in order by the SIM (MAC verifies with K, SQN fresh)',
    run: async (hlr, ctx: CaseContext) => {
      const sub = await hlr.subscribers.subscriber();
      const vectors = await ctx.answer(hlr.vlr(VLR).sendAuthInfo({ imsi: sub.imsi, count: 5 }));
      ctx.check(vectors.length >= 1 && vectors.length <= 5, vectorCount(vectors.length));
      ctx.check(new Set(vectors.map((v) => v.rand)).size === vectors.length, 'two vectors with the same RAND');
      const problem = vectorsProblem(sub, vectors);
      ctx.check(!problem, () => problem!);
      ctx.notes.push(`returned ${vectorCount(vectors.length)} of 5 asked`);
    },
  }),
  conformanceCase<HlrUnderTest>({
    id: 'HLR-AUTH-03',
    title: "A vector's GSM triplet is the TS 33.102 conversion of its quintet",
    procedure: 'SendAuthInfo for a provisioned (UMTS) IMSI',
    expectation: 'SRES = c2(XRES) and Kc = c3(CK, IK) in every vector',
    run: async (hlr, ctx: CaseContext) => {
      const sub = await hlr.subscribers.subscriber();
      const vectors = await ctx.answer(hlr.vlr(VLR).sendAuthInfo({ imsi: sub.imsi, count: 2 }));
      ctx.check(vectors.length >= 1, vectorCount(0));
      const problem = vectors.map(gsmValuesProblem).find(Boolean);
      ctx.check(!problem, () => problem!);
    },
  }),
  conformanceCase<HlrUnderTest>({
    id: 'HLR-AUTH-04',
    title: 'A second SendAuthInfo gives vectors fresher than the first',
    procedure: 'SendAuthInfo twice for the same IMSI, the first batch used',
    expectation: 'the second batch accepted by the SIM after the first (SQN grows, never reused)',
    run: async (hlr, ctx: CaseContext) => {
      const sub = await hlr.subscribers.subscriber();
      const vlr = hlr.vlr(VLR);
      const first = await ctx.answer(vlr.sendAuthInfo({ imsi: sub.imsi, count: 2 }));
      ctx.check(!vectorsProblem(sub, first), () => `first batch: ${vectorsProblem(sub, first)}`);
      const second = await ctx.answer(vlr.sendAuthInfo({ imsi: sub.imsi, count: 2 }));
      ctx.check(second.length >= 1, vectorCount(0));
      const problem = vectorsProblem(sub, second);
      ctx.check(!problem, () => `second batch: ${problem}`);
    },
  }),
  conformanceCase<HlrUnderTest>({
    id: 'HLR-AUTH-05',
    title: 'Resynchronisation with a valid AUTS gives vectors the SIM accepts',
    procedure: 'SendAuthInfo with RAND and AUTS after the SIM reported a sync failure',
    expectation: "vectors whose SQN is past the SIM's, accepted by the SIM",
    run: async (hlr, ctx: CaseContext) => {
      const sub = await hlr.subscribers.subscriber();
      const vlr = hlr.vlr(VLR);
      const [first] = await ctx.answer(vlr.sendAuthInfo({ imsi: sub.imsi, count: 1 }));
      ctx.check(first !== undefined && sub.usim.authenticate(first.rand, first.autn).kind === 'response', 'a first vector the SIM refused');
      // As if the SIM had been used far away for a long time.
      sub.usim.setSqn(sub.usim.highestAcceptedSqn + 32 * 100_000);
      const [stale] = await ctx.answer(vlr.sendAuthInfo({ imsi: sub.imsi, count: 1 }));
      const failure = sub.usim.authenticate(stale!.rand, stale!.autn);
      ctx.check(failure.kind === 'sync-failure', `the SIM found no sync failure to report (${failure.kind})`, {
        expectation: 'a vector the SIM, now ahead, finds stale (setup)',
      });
      const resynced = await ctx.answer(vlr.sendAuthInfo({ imsi: sub.imsi, count: 1, resync: { rand: stale!.rand, auts: failure.auts } }));
      ctx.check(resynced.length >= 1, vectorCount(0));
      const problem = vectorsProblem(sub, resynced);
      ctx.check(!problem, () => problem!);
    },
  }),
  conformanceCase<HlrUnderTest>({
    id: 'HLR-AUTH-06',
    title: 'An AUTS that does not verify does not resynchronise',
    procedure: 'SendAuthInfo with an AUTS whose MAC-S is wrong',
    expectation: 'a refusal, or vectors the SIM (still ahead) finds stale: never a resynchronisation to a forged SQN',
    run: async (hlr, ctx: CaseContext) => {
      const sub = await hlr.subscribers.subscriber();
      const vlr = hlr.vlr(VLR);
      const [first] = await ctx.answer(vlr.sendAuthInfo({ imsi: sub.imsi, count: 1 }));
      sub.usim.authenticate(first!.rand, first!.autn);
      sub.usim.setSqn(sub.usim.highestAcceptedSqn + 32 * 100_000);
      const [stale] = await ctx.answer(vlr.sendAuthInfo({ imsi: sub.imsi, count: 1 }));
      const failure = sub.usim.authenticate(stale!.rand, stale!.autn);
      ctx.check(failure.kind === 'sync-failure', `no sync failure to forge from (${failure.kind})`, {
        expectation: 'a stale vector (setup)',
      });
      // Flip the last bit of MAC-S: the SQN it conceals is genuine, the proof is not.
      const forged = failure.auts.slice(0, -1) + (parseInt(failure.auts.slice(-1), 16) ^ 1).toString(16);
      const outcome = await outcomeOf(vlr.sendAuthInfo({ imsi: sub.imsi, count: 1, resync: { rand: stale!.rand, auts: forged } }));
      if (outcome.kind === 'reject' || outcome.kind === 'refused') return void ctx.notes.push(describeOutcome(outcome));
      ctx.check(outcome.kind === 'answer', () => describeOutcome(outcome));
      const accepted = outcome.value.filter((v) => sub.usim.authenticate(v.rand, v.autn).kind === 'response');
      ctx.check(accepted.length === 0, `${vectorCount(accepted.length)} the SIM accepts: the HLR resynchronised on a forged AUTS`);
    },
  }),
  conformanceCase<HlrUnderTest>({
    id: 'HLR-AUTH-07',
    title: 'SendAuthInfo for an unknown IMSI is refused with IMSI_UNKNOWN',
    procedure: 'SendAuthInfo for an IMSI the HLR does not hold',
    expectation: 'a refusal with IMSI_UNKNOWN',
    run: async (hlr, ctx: CaseContext) => {
      await ctx.rejected(hlr.vlr(VLR).sendAuthInfo({ imsi: unknownImsi(hlr.home), count: 1 }), ['IMSI_UNKNOWN']);
    },
  }),
  conformanceCase<HlrUnderTest>({
    id: 'HLR-AUTH-08',
    title: 'Vectors for one SIM are useless to a clone with another K',
    procedure: 'SendAuthInfo for a provisioned IMSI, the vector tried by a SIM with another K',
    expectation: "a MAC failure at the clone: AUTN is bound to the subscriber's own K",
    run: async (hlr, ctx: CaseContext) => {
      const sub = await hlr.subscribers.subscriber();
      const [vector] = await ctx.answer(hlr.vlr(VLR).sendAuthInfo({ imsi: sub.imsi, count: 1 }));
      ctx.check(vector !== undefined, vectorCount(0));
      const check = milenage.verifyAutn({
        k: '00112233445566778899aabbccddeeff',
        opc: 'ffeeddccbbaa99887766554433221100',
        rand: vector.rand,
        autn: vector.autn,
      });
      ctx.check(!check.macOk, 'an AUTN that also verifies with an unrelated K');
    },
  }),
];

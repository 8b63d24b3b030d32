import type { CaseContext } from '../core/case-context.js';
import { describeOutcome, outcomeOf } from '../core/case-context.js';
import { conformanceCase } from '../core/conformance-case.js';
import { unknownImsi } from '../subscribers/test-subscriber.js';
import type { VlrUnderTest } from './vlr-under-test.js';
import { attached } from './vlr-steps.js';

const digits = (msisdn: string) => msisdn.replace(/^\+/, '');

/** Attach: authentication with the home network's vectors, registration, and the causes a roamer can be refused with. */
export const vlrAttachCases = [
  conformanceCase<VlrUnderTest>({
    id: 'VLR-ATT-01',
    title: 'A provisioned roamer attaches: challenged, answered, registered at its home HLR',
    procedure: 'attach of a provisioned subscriber, the challenge answered by its SIM',
    expectation:
      "a challenge whose AUTN the SIM accepts, then an accept with the subscriber's MSISDN, and the home HLR names this network as serving",
    run: async (vlr, ctx: CaseContext) => {
      const sub = await vlr.subscribers.subscriber();
      const challenge = await ctx.answer(vlr.access.attachRequest(sub.imsi));
      const answer = sub.usim.authenticate(challenge.rand, challenge.autn);
      ctx.check(answer.kind === 'response', `a challenge the SIM refused (${answer.kind})`);
      const accept = await ctx.answer(vlr.access.authenticationResponse(challenge.transactionId, { kind: 'response', res: answer.res }));
      ctx.check(
        accept.kind === 'accept' && digits(accept.msisdn) === digits(sub.msisdn),
        `${accept.kind === 'accept' ? 'an accept with another MSISDN' : 'another challenge'}`,
      );
      ctx.check(
        vlr.hlr.find(sub.imsi)?.servingVlr?.plmn === vlr.visited,
        `the home HLR sees ${JSON.stringify(vlr.hlr.find(sub.imsi)?.servingVlr ?? null)} as serving`,
      );
    },
  }),
  conformanceCase<VlrUnderTest>({
    id: 'VLR-ATT-02',
    title: 'A wrong RES is refused with ILLEGAL_MS',
    procedure: 'attach whose challenge is answered with a RES the SIM did not compute',
    expectation: 'a refusal with ILLEGAL_MS, and no registration at the home HLR',
    run: async (vlr, ctx: CaseContext) => {
      const sub = await vlr.subscribers.subscriber();
      const challenge = await ctx.answer(vlr.access.attachRequest(sub.imsi));
      await ctx.rejected(vlr.access.authenticationResponse(challenge.transactionId, { kind: 'response', res: '0badc0de0badc0de' }), [
        'ILLEGAL_MS',
      ]);
      ctx.check(!vlr.hlr.find(sub.imsi)?.servingVlr, 'the subscriber registered at the home HLR anyway');
    },
  }),
  conformanceCase<VlrUnderTest>({
    id: 'VLR-ATT-03',
    title: 'An IMSI the home HLR does not know is refused with IMSI_UNKNOWN',
    procedure: 'attach of an IMSI of the home network that its HLR does not hold',
    expectation: 'a refusal with IMSI_UNKNOWN',
    run: async (vlr, ctx: CaseContext) => {
      await ctx.rejected(vlr.access.attachRequest(unknownImsi(vlr.home)), ['IMSI_UNKNOWN']);
    },
  }),
  conformanceCase<VlrUnderTest>({
    id: 'VLR-ATT-04',
    title: 'A roamer whose subscription bars roaming is refused after authentication',
    procedure: 'attach of a subscriber barred from roaming, the challenge answered correctly',
    expectation: 'a refusal with ROAMING_NOT_ALLOWED or PLMN_NOT_ALLOWED (both are legal)',
    run: async (vlr, ctx: CaseContext) => {
      const sub = await vlr.subscribers.subscriber({ roaming: 'barred' });
      const challenge = await ctx.answer(vlr.access.attachRequest(sub.imsi));
      const answer = sub.usim.authenticate(challenge.rand, challenge.autn);
      ctx.check(answer.kind === 'response', `a challenge the SIM refused (${answer.kind})`);
      await ctx.rejected(vlr.access.authenticationResponse(challenge.transactionId, { kind: 'response', res: answer.res }), [
        'ROAMING_NOT_ALLOWED',
        'PLMN_NOT_ALLOWED',
      ]);
    },
  }),
  conformanceCase<VlrUnderTest>({
    id: 'VLR-ATT-05',
    title: 'With the home HLR unreachable, an attach fails with a network cause, and works once it is back',
    procedure: 'attach while the link to the home HLR refuses connections, then again after it heals',
    expectation: 'a refusal with NETWORK_FAILURE or CONGESTION (never an accept), then an accepted attach',
    run: async (vlr, ctx: CaseContext) => {
      const sub = await vlr.subscribers.subscriber();
      const cut = await vlr.hlrLink.partition({ mode: 'refused' });
      let during;
      try {
        during = await outcomeOf(vlr.access.attachRequest(sub.imsi));
      } finally {
        await cut.remove();
      }
      ctx.check(during.kind === 'reject' && (during.cause === 'NETWORK_FAILURE' || during.cause === 'CONGESTION'), () =>
        describeOutcome(during),
      );
      await attached(vlr, ctx, sub);
    },
  }),
  conformanceCase<VlrUnderTest>({
    id: 'VLR-ATT-06',
    title: 'A SIM reporting a sync failure is resynchronised and then accepted',
    procedure: "attach by a SIM whose SQN is ahead of the home network's, answering the challenge with AUTS",
    expectation: 'a new challenge the SIM accepts, then an accept',
    run: async (vlr, ctx: CaseContext) => {
      const sub = await vlr.subscribers.subscriber();
      sub.usim.setSqn(32 * 100_000);
      const challenge = await ctx.answer(vlr.access.attachRequest(sub.imsi));
      const failure = sub.usim.authenticate(challenge.rand, challenge.autn);
      ctx.check(failure.kind === 'sync-failure', `the SIM found no sync failure (${failure.kind})`, {
        expectation: 'a stale challenge (setup)',
      });
      const again = await ctx.answer(
        vlr.access.authenticationResponse(challenge.transactionId, { kind: 'sync-failure', auts: failure.auts }),
      );
      ctx.check(again.kind === 'challenge', `an ${again.kind} without a fresh challenge`);
      const answer = sub.usim.authenticate(again.rand, again.autn);
      ctx.check(answer.kind === 'response', `a second challenge the SIM refused (${answer.kind})`);
      const accept = await ctx.answer(vlr.access.authenticationResponse(again.transactionId, { kind: 'response', res: answer.res }));
      ctx.check(accept.kind === 'accept', 'another challenge');
    },
  }),
  conformanceCase<VlrUnderTest>({
    id: 'VLR-ATT-07',
    title: 'A SIM that cannot verify the network is never registered',
    procedure: 'attach answered with a MAC failure by the SIM',
    expectation: 'a refusal (any cause), never an accept',
    run: async (vlr, ctx: CaseContext) => {
      const sub = await vlr.subscribers.subscriber();
      const challenge = await ctx.answer(vlr.access.attachRequest(sub.imsi));
      const outcome = await outcomeOf(vlr.access.authenticationResponse(challenge.transactionId, { kind: 'mac-failure' }));
      ctx.check(outcome.kind === 'reject', () => describeOutcome(outcome, (a: { kind: string }) => `an ${a.kind}`));
      ctx.notes.push(describeOutcome(outcome));
    },
  }),
];

import type { AttachAccept } from '../../simulator/signaling/vlr-messages.js';
import type { CaseContext } from '../core/case-context.js';
import type { TestSubscriber } from '../subscribers/test-subscriber.js';
import type { VlrUnderTest } from './vlr-under-test.js';

/** Attaches a subscriber as its phone would: the challenge answered by its SIM. Any other end fails the case. */
export async function attached(vlr: VlrUnderTest, ctx: CaseContext, sub: TestSubscriber): Promise<AttachAccept> {
  const step = { procedure: 'attach (setup)', expectation: 'an accepted attach' };
  const challenge = await ctx.answer(vlr.access.attachRequest(sub.imsi), step);
  const answer = sub.usim.authenticate(challenge.rand, challenge.autn);
  ctx.check(answer.kind === 'response', `the SIM answered ${answer.kind}`, step);
  const accept = await ctx.answer(vlr.access.authenticationResponse(challenge.transactionId, { kind: 'response', res: answer.res }), step);
  ctx.check(accept.kind === 'accept', `another ${accept.kind}`, step);
  return accept;
}

/**
 * Waits, a bounded number of times, for `condition` to hold: a VLR may
 * charge after it answered the phone.
 */
export async function eventually(condition: () => boolean, tries = 100, everyMs = 50): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return condition();
}

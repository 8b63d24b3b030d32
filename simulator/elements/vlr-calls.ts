import { RejectError } from '../causes.js';
import type { PlmnId } from '../plmn.js';
import { recordStep, type SignalingStep } from '../signaling/signaling-step.js';
import type { CallDirection, CallRoutingPort, HandoverAccept, HandoverPort, HandoverRequest } from '../signaling/ports.js';
import type { VlrContext } from './vlr-context.js';
import type { CallConnected, CallReleased, CallRequest, HandoverCommand, HandoverComplete } from '../signaling/vlr-messages.js';
import { UnknownCallError } from '../signaling/vlr-messages.js';

/** A call this VLR serves: one leg of it, in this network. */
interface ActiveCall {
  readonly callId: string;
  readonly legId: string;
  readonly leg: number;
  readonly imsi: string;
  readonly msisdn: string;
  readonly homePlmn: PlmnId;
  readonly direction: CallDirection;
  readonly otherParty: string;
  readonly connectedAt: number;
  /** Set while a handover is being prepared: a CancelLocation caused by it must not drop the call. */
  handingOver: boolean;
}

/**
 * Call control of a VLR/MSC: sets up calls the roamer makes (MO) and
 * receives (MT), releases them, and hands them over to the VLR of another
 * network. Each network's part of a call is a leg with its own charging
 * session, so billing splits the call at every handover.
 */
export class VlrCallControl {
  readonly #vlr: VlrContext;
  readonly #routing: CallRoutingPort | undefined;
  readonly #handoverTargets: ReadonlyMap<PlmnId, HandoverPort>;
  readonly #calls = new Map<string, ActiveCall>();

  constructor(vlr: VlrContext, options: { routing?: CallRoutingPort; handoverTargets?: ReadonlyMap<PlmnId, HandoverPort> }) {
    this.#vlr = vlr;
    this.#routing = options.routing;
    this.#handoverTargets = options.handoverTargets ?? new Map();
  }

  /** Calls served here now. */
  get size(): number {
    return this.#calls.size;
  }

  /** Sets up a call to or from the roamer and opens its charging leg. */
  async connect(request: CallRequest, direction: CallDirection): Promise<CallConnected> {
    const record = this.#vlr.requireRecord(request.imsi, direction === 'mo' ? 'set up call' : 'deliver call', 'voice');
    const steps: SignalingStep[] = [];
    const callId = this.#vlr.nextId('call');
    const routing = this.#routing;
    if (routing) {
      const step = { name: direction === 'mo' ? 'IAM (call setup)' : 'Paging', from: this.#vlr.name, to: 'gmsc' };
      await recordStep(steps, this.#vlr.clock, step, () =>
        routing.connect({ callId, msisdn: record.msisdn, otherParty: request.otherParty, direction }),
      );
    }
    const call = this.#open(
      { callId, leg: 1, imsi: record.imsi, msisdn: record.msisdn, homePlmn: record.homePlmn, direction },
      request.otherParty,
    );
    await this.#vlr.charging.send(
      { kind: 'start', sessionId: call.legId, imsi: call.imsi, service: 'voice', direction: call.direction },
      'ChargingStart (voice)',
      steps,
      call.homePlmn,
    );
    return { kind: 'connected', callId, legId: call.legId, direction, steps };
  }

  /** Releases a call and closes its charging leg with the seconds it lasted here. */
  async release(callId: string): Promise<CallReleased> {
    const call = this.#require(callId);
    this.#calls.delete(callId);
    const steps: SignalingStep[] = [];
    const seconds = this.#secondsOf(call);
    await this.#vlr.charging.send(
      { kind: 'stop', sessionId: call.legId, imsi: call.imsi, service: 'voice', usage: { seconds } },
      'ChargingStop (voice)',
      steps,
      call.homePlmn,
    );
    return { kind: 'released', callId, legId: call.legId, seconds, steps };
  }

  /**
   * Hands a live call over to the VLR of `targetPlmn`. The target registers
   * the subscriber (UpdateLocation to the home HLR, which may refuse), then
   * this leg closes and the target's opens. On a refusal the call stays here.
   *
   * @throws {RejectError} when the target or the home network refuses; {@link UnknownCallError}.
   */
  async handover(command: HandoverCommand): Promise<HandoverComplete> {
    const call = this.#require(command.callId);
    const target = this.#handoverTargets.get(command.targetPlmn);
    if (!target) {
      throw new RejectError('hand over call', 'PLMN_NOT_ALLOWED', `${this.#vlr.plmn.id} has no handover route to ${command.targetPlmn}`);
    }
    const steps: SignalingStep[] = [];
    const request: HandoverRequest = {
      imsi: call.imsi,
      msisdn: call.msisdn,
      callId: call.callId,
      leg: call.leg + 1,
      direction: call.direction,
      otherParty: call.otherParty,
      fromPlmn: this.#vlr.plmn.id,
    };
    call.handingOver = true;
    let accepted: HandoverAccept;
    try {
      accepted = await recordStep(
        steps,
        this.#vlr.clock,
        { name: 'Prepare Handover', from: this.#vlr.name, to: `vlr:${command.targetPlmn}` },
        () => target.prepareHandover(request),
      );
    } finally {
      call.handingOver = false;
    }
    steps.push(...(accepted.steps ?? []));
    this.#calls.delete(call.callId);
    const seconds = this.#secondsOf(call);
    await this.#vlr.charging.send(
      { kind: 'stop', sessionId: call.legId, imsi: call.imsi, service: 'voice', usage: { seconds } },
      'ChargingStop (voice, handed over)',
      steps,
      call.homePlmn,
    );
    return {
      kind: 'handed-over',
      callId: call.callId,
      fromPlmn: this.#vlr.plmn.id,
      toPlmn: accepted.plmn,
      closedLegId: call.legId,
      closedLegSeconds: seconds,
      legId: accepted.legId,
      steps,
    };
  }

  /** The target side of a handover: opens the call's next leg here (the VLR has registered the subscriber). */
  async takeOver(request: HandoverRequest, homePlmn: PlmnId, steps: SignalingStep[]): Promise<HandoverAccept> {
    const call = this.#open({ ...request, homePlmn }, request.otherParty);
    await this.#vlr.charging.send(
      { kind: 'start', sessionId: call.legId, imsi: call.imsi, service: 'voice', direction: call.direction },
      'ChargingStart (voice)',
      steps,
      homePlmn,
    );
    return { legId: call.legId, vlrNumber: this.#vlr.vlrNumber, plmn: this.#vlr.plmn.id };
  }

  /** Ends every call of `imsi` without anyone waiting (CancelLocation, detach). Returns how many. */
  dropAll(imsi: string, steps?: SignalingStep[]): Promise<number> {
    const mine = [...this.#calls.values()].filter((c) => c.imsi === imsi && !c.handingOver);
    return Promise.all(mine.map((c) => this.release(c.callId).then((r) => steps?.push(...r.steps)))).then(() => mine.length);
  }

  #open(base: Omit<ActiveCall, 'legId' | 'connectedAt' | 'otherParty' | 'handingOver'>, otherParty: string): ActiveCall {
    const call: ActiveCall = {
      callId: base.callId,
      leg: base.leg,
      imsi: base.imsi,
      msisdn: base.msisdn,
      homePlmn: base.homePlmn,
      direction: base.direction,
      otherParty,
      legId: `${base.callId}/${base.leg}`,
      connectedAt: this.#vlr.clock.now(),
      handingOver: false,
    };
    this.#calls.set(call.callId, call);
    return call;
  }

  #require(callId: string): ActiveCall {
    const call = this.#calls.get(callId);
    if (!call) throw new UnknownCallError(callId, this.#vlr.name);
    return call;
  }

  // Seconds to the millisecond: rating rounds, measurement does not.
  #secondsOf(call: ActiveCall): number {
    return Math.round(this.#vlr.clock.now() - call.connectedAt) / 1000;
  }
}

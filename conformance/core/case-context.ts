import { RoamError } from '../../core/errors.js';
import { RejectError, type RejectCause } from '../../simulator/causes.js';
import { ElementRequestError, ElementUnreachableError } from '../../mocks/http/client.js';

/** A case's expectation was not met: the message names the procedure, the expectation and what came instead. */
export class ConformanceFailure extends RoamError {
  readonly procedure: string;
  readonly expectation: string;
  readonly got: string;

  constructor(caseId: string, procedure: string, expectation: string, got: string) {
    super('ROAM_CONFORMANCE_FAILED', `pass ${caseId}`, `${procedure}: expected ${expectation}; got ${got}`);
    this.procedure = procedure;
    this.expectation = expectation;
    this.got = got;
  }

  /** `<procedure>: expected <expectation>; got <got>`, without the `[roam]` frame, as reports show it. */
  get statement(): string {
    return `${this.procedure}: expected ${this.expectation}; got ${this.got}`;
  }
}

/** A case that cannot run against this target, and why (e.g. nothing to provision a barred subscriber with). */
export class CaseSkipped extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** How a procedure ended: an answer, a refusal with a cause, a refusal of the request itself, or no answer. */
export type Outcome<V> =
  | { readonly kind: 'answer'; readonly value: V }
  | { readonly kind: 'reject'; readonly cause: RejectCause; readonly detail: string }
  | { readonly kind: 'refused'; readonly status: number; readonly detail: string }
  | { readonly kind: 'failure'; readonly detail: string };

/** Runs `procedure` and says how it ended instead of throwing. */
export async function outcomeOf<V>(procedure: Promise<V>): Promise<Outcome<V>> {
  try {
    return { kind: 'answer', value: await procedure };
  } catch (error) {
    if (error instanceof RejectError) return { kind: 'reject', cause: error.rejectCause, detail: error.reason };
    if (error instanceof ElementRequestError) return { kind: 'refused', status: error.status, detail: error.message };
    if (error instanceof ElementUnreachableError) return { kind: 'failure', detail: `no answer (${error.reason})` };
    return { kind: 'failure', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** An outcome in a few words, for the "got" of a failure. */
export function describeOutcome(outcome: Outcome<unknown>, answer: (value: never) => string = answerShape): string {
  switch (outcome.kind) {
    case 'answer':
      return answer(outcome.value as never);
    case 'reject':
      return `a refusal with ${outcome.cause} (${outcome.detail})`;
    case 'refused':
      return `HTTP ${outcome.status} (${outcome.detail.replace(/^\[roam\] /, '')})`;
    case 'failure':
      return `a failure: ${outcome.detail.replace(/^\[roam\] /, '')}`;
  }
}

// What was answered, by shape only: answers may carry identities, which reports do not show.
function answerShape(value: unknown): string {
  if (Array.isArray(value)) return `an answer of ${countOf(value.length, 'item')}`;
  if (value && typeof value === 'object') return `an answer with ${Object.keys(value).join(', ')}`;
  return 'an answer';
}

/** `1 CDR`, `3 CDRs`: a count and its noun. */
export function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * What a running case checks with. Each check fails the case with the
 * case's procedure and expectation unless it names its own (a case may
 * drive several procedures).
 */
export class CaseContext {
  readonly #caseId: string;
  readonly #procedure: string;
  readonly #expectation: string;
  /** Notes for the report: what the implementation did within the contract (e.g. `returned 3 of 5 vectors`). */
  readonly notes: string[] = [];

  constructor(caseId: string, procedure: string, expectation: string) {
    this.#caseId = caseId;
    this.#procedure = procedure;
    this.#expectation = expectation;
  }

  /** Fails the case unless `condition` holds; `got` says what came instead. */
  check(condition: boolean, got: string | (() => string), step: { procedure?: string; expectation?: string } = {}): asserts condition {
    if (!condition) this.fail(typeof got === 'function' ? got() : got, step);
  }

  /** Fails the case. */
  fail(got: string, step: { procedure?: string; expectation?: string } = {}): never {
    throw new ConformanceFailure(this.#caseId, step.procedure ?? this.#procedure, step.expectation ?? this.#expectation, got);
  }

  /** Ends the case as skipped, saying why it cannot run here. */
  skip(reason: string): never {
    throw new CaseSkipped(reason);
  }

  /** The answer of a procedure that must succeed; anything else fails the case. */
  async answer<V>(procedure: Promise<V>, step: { procedure?: string; expectation?: string } = {}): Promise<V> {
    const outcome = await outcomeOf(procedure);
    if (outcome.kind !== 'answer') this.fail(describeOutcome(outcome), step);
    return outcome.value;
  }

  /** A procedure that must be refused with one of `causes`; anything else fails the case. Returns the cause. */
  async rejected(
    procedure: Promise<unknown>,
    causes: readonly RejectCause[],
    step: { procedure?: string; expectation?: string } = {},
  ): Promise<RejectCause> {
    const outcome = await outcomeOf(procedure);
    if (outcome.kind === 'reject' && causes.includes(outcome.cause)) return outcome.cause;
    this.fail(describeOutcome(outcome), step);
  }
}

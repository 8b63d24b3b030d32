import { IllegalTransitionError } from './domain-errors.js';

/**
 * One explicit transition table: for each state, the states it may move to.
 * The table is the only place transitions are allowed; diagrams are drawn
 * from it.
 */
export type TransitionTable<S extends string> = { readonly [From in S]: readonly S[] };

/** One transition a machine made, with the clock time it happened at (ms). */
export interface Transition<S extends string> {
  readonly from: S;
  readonly to: S;
  readonly at: number;
}

/**
 * A state machine driven by a {@link TransitionTable}. Refuses, with an
 * {@link IllegalTransitionError}, any move the table does not list.
 *
 * @example
 * ```ts
 * const machine = new StateMachine('attach', ATTACH_TRANSITIONS, 'IDLE', () => clock.now());
 * machine.moveTo('AUTHENTICATING');
 * ```
 */
export class StateMachine<S extends string> {
  readonly #name: string;
  readonly #table: TransitionTable<S>;
  readonly #now: () => number;
  readonly #history: Transition<S>[] = [];
  #state: S;

  constructor(name: string, table: TransitionTable<S>, initial: S, now: () => number) {
    this.#name = name;
    this.#table = table;
    this.#state = initial;
    this.#now = now;
  }

  /** The current state. */
  get state(): S {
    return this.#state;
  }

  /** Every transition so far, oldest first. */
  get history(): readonly Transition<S>[] {
    return this.#history;
  }

  /** The states visited, starting with the initial one. */
  get path(): S[] {
    return this.#history.length === 0 ? [this.#state] : [this.#history[0]!.from, ...this.#history.map((t) => t.to)];
  }

  /** Whether the table allows moving from the current state to `to`. */
  canMoveTo(to: S): boolean {
    return this.#table[this.#state].includes(to);
  }

  /**
   * Moves to `to`.
   *
   * @throws {IllegalTransitionError} when the table does not allow it.
   */
  moveTo(to: S): Transition<S> {
    if (!this.canMoveTo(to)) throw new IllegalTransitionError(this.#name, this.#state, to, this.#table[this.#state]);
    const transition = { from: this.#state, to, at: this.#now() };
    this.#state = to;
    this.#history.push(transition);
    return transition;
  }
}

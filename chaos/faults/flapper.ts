/**
 * The rhythm of a flapping link: down for `downMs` at the start of every
 * `periodMs`, up for the rest, until stopped. Transitions are scheduled
 * from the start time, so the rhythm does not drift with API round trips.
 *
 * @module
 */

/** Puts the down state in effect; returns how to undo it. */
export type EnterDown = () => Promise<() => Promise<void>>;

/**
 * A running flap.
 *
 * @example
 * ```ts
 * const flapper = await Flapper.start(enterDown, 1000, 300);
 * await flapper.stop(); // up again, for good
 * ```
 */
export class Flapper {
  readonly #enterDown: EnterDown;
  readonly #periodMs: number;
  readonly #downMs: number;
  readonly #startedAt = performance.now();
  #undo: (() => Promise<void>) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #busy: Promise<void> = Promise.resolve();
  #stopped = false;
  #cycle = 0;
  /** Down/up transitions so far, as ms after the start. */
  readonly transitions: { readonly atMs: number; readonly state: 'down' | 'up' }[] = [];

  private constructor(enterDown: EnterDown, periodMs: number, downMs: number) {
    this.#enterDown = enterDown;
    this.#periodMs = periodMs;
    this.#downMs = downMs;
  }

  /** Starts down; resolves once the first down phase is in effect. */
  static async start(enterDown: EnterDown, periodMs: number, downMs: number): Promise<Flapper> {
    const flapper = new Flapper(enterDown, periodMs, downMs);
    await flapper.#goDown();
    return flapper;
  }

  /** Stops flapping and leaves the link up. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#busy;
    await this.#goUp();
  }

  async #goDown(): Promise<void> {
    this.#undo = await this.#enterDown();
    this.transitions.push({ atMs: performance.now() - this.#startedAt, state: 'down' });
    this.#schedule(this.#cycle * this.#periodMs + this.#downMs, () => this.#goUp());
  }

  async #goUp(): Promise<void> {
    const undo = this.#undo;
    this.#undo = undefined;
    if (undo === undefined) return;
    await undo();
    this.transitions.push({ atMs: performance.now() - this.#startedAt, state: 'up' });
    this.#cycle++;
    this.#schedule(this.#cycle * this.#periodMs, () => this.#goDown());
  }

  #schedule(atMs: number, step: () => Promise<void>): void {
    if (this.#stopped) return;
    const wait = Math.max(0, atMs - (performance.now() - this.#startedAt));
    this.#timer = setTimeout(() => {
      if (this.#stopped) return;
      // A failed flip (backend gone) ends the flapping rather than throwing from a timer.
      this.#busy = step().catch(() => {
        this.#stopped = true;
      });
    }, wait);
    this.#timer.unref();
  }
}

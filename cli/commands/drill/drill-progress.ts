import type { ActiveFault } from '../../../chaos/fault.js';

const WINDOW_MS = 2000;

/**
 * The live line of `roam drill` on stderr: elapsed time, the faults in
 * effect, attaches so far and the success rate over the last two seconds.
 * On a terminal it rewrites one line; otherwise it prints a line a second.
 */
export class DrillProgress {
  readonly #faults: () => readonly ActiveFault[];
  readonly #enabled: boolean;
  readonly #recent: { at: number; ok: boolean }[] = [];
  #total = 0;
  #ok = 0;
  #startedAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #lastLength = 0;

  constructor(faults: () => readonly ActiveFault[], enabled: boolean) {
    this.#faults = faults;
    this.#enabled = enabled;
  }

  /** Counts one finished attach of the load. */
  count(ok: boolean): void {
    this.#total++;
    if (ok) this.#ok++;
    this.#recent.push({ at: Date.now(), ok });
  }

  start(): void {
    this.#startedAt = Date.now();
    if (!this.#enabled) return;
    const tty = process.stderr.isTTY === true;
    this.#timer = setInterval(() => this.#print(tty), tty ? 250 : 1000);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#enabled && process.stderr.isTTY) process.stderr.write('\n');
  }

  /** The progress line now. */
  line(): string {
    const now = Date.now();
    while (this.#recent.length && now - this.#recent[0]!.at > WINDOW_MS) this.#recent.shift();
    const recentOk = this.#recent.filter((r) => r.ok).length;
    const rate = this.#recent.length ? `${((100 * recentOk) / this.#recent.length).toFixed(1)}%` : '—';
    const faults = this.#faults();
    const on = faults.length ? faults.map((f) => `${f.description} on ${f.link}`).join('; ') : 'none';
    const elapsed = ((now - this.#startedAt) / 1000).toFixed(1);
    return `[roam] drill ${elapsed}s | fault: ${on} | attaches: ${this.#total} (${this.#ok} ok) | success (last 2s): ${rate}`;
  }

  #print(tty: boolean): void {
    const line = this.line();
    if (tty) {
      process.stderr.write(`\r${line.padEnd(this.#lastLength)}`);
      this.#lastLength = line.length;
    } else {
      process.stderr.write(`${line}\n`);
    }
  }
}

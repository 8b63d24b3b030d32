/** One scheduled wake-up of a virtual clock. */
export interface Timer {
  /** When it fires, in ms since the clock's start. */
  readonly at: number;
  /** Insertion order: breaks ties between timers due at the same time, first scheduled first. */
  readonly seq: number;
  readonly fire: () => void;
  /** Set when the sleep was aborted: the timer is dropped when it comes up, without moving time. */
  cancelled?: boolean;
}

/**
 * A binary min-heap of timers ordered by `(at, seq)`, so that the order in
 * which timers fire depends only on when they were scheduled, never on the
 * heap's internals.
 */
export class TimerQueue {
  readonly #heap: Timer[] = [];

  get size(): number {
    return this.#heap.length;
  }

  /** The next timer to fire, without removing it. */
  peek(): Timer | undefined {
    return this.#heap[0];
  }

  push(timer: Timer): void {
    const heap = this.#heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  pop(): Timer | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
    return top;
  }

  clear(): void {
    this.#heap.length = 0;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

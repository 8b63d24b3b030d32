/**
 * The `latency` toxic: every chunk is delayed by `latency` ± `jitter`
 * milliseconds, counted from when the chunk arrived, so time spent queued
 * behind an earlier chunk is not added twice. Chunks leave in order.
 *
 * @module
 */
import { INTERRUPTED, TIMED_OUT, type ToxicStub } from '../link/toxic-stub.js';
import { defineToxicType } from './toxic-type.js';

/** The `latency` toxic type: `{latency, jitter}` in milliseconds. */
export const latency = defineToxicType({
  name: 'latency',
  goStruct: 'LatencyToxic',
  attributes: { latency: 'int64', jitter: 'int64' },
  // Buffered like Go's, so a delay does not also throttle throughput.
  bufferSize: 1024,
  async pipe(stub: ToxicStub, { latency, jitter }): Promise<void> {
    for (;;) {
      const chunk = await stub.read();
      if (chunk === INTERRUPTED || chunk === TIMED_OUT) return;
      if (chunk === null) return stub.close();
      const sleep = delayOf(latency, jitter, stub.random) - (performance.now() - chunk.timestamp);
      const slept = await stub.sleep(sleep);
      // A later latency toxic measures from here, so chained latencies add up.
      if (slept) chunk.timestamp += sleep;
      await stub.write(chunk);
      // Interrupted: the chunk went out undelayed rather than being dropped.
      if (!slept) return;
    }
  },
});

/** `latency` plus a uniform integer jitter in [-jitter, jitter), as Go's `rand.Int63n(2j) - j`. */
function delayOf(latency: number, jitter: number, random: () => number): number {
  if (jitter <= 0) return latency;
  return latency + Math.floor(random() * 2 * jitter) - jitter;
}

/**
 * The `bandwidth` toxic: limits a direction to `rate` KB/s (1 KB = 1000
 * bytes). Large chunks are released 100 ms worth at a time; the sleep owed is
 * carried from chunk to chunk and corrected by the time actually slept, the
 * way Go's toxic compensates for timer imprecision.
 *
 * @module
 */
import { INTERRUPTED, TIMED_OUT, type ToxicStub } from '../link/toxic-stub.js';
import { defineToxicType } from './toxic-type.js';

/** The `bandwidth` toxic type: `{rate}` in KB/s. */
export const bandwidth = defineToxicType({
  name: 'bandwidth',
  goStruct: 'BandwidthToxic',
  attributes: { rate: 'int64' },
  async pipe(stub: ToxicStub, { rate }): Promise<void> {
    let sleep = 0;
    for (;;) {
      const chunk = await stub.read();
      if (chunk === INTERRUPTED || chunk === TIMED_OUT) return;
      if (chunk === null) return stub.close();
      // Go computes whole nanoseconds: len * 1ms / rate.
      sleep = rate <= 0 ? 0 : sleep + Math.floor((chunk.data.length * 1e6) / rate) / 1e6;
      let data = chunk.data;
      const slice = rate * 100;
      while (data.length > slice) {
        // Go's loop never gets past a rate of 0 or less: the data is held until the toxic is interrupted.
        if (!(await stub.sleep(rate <= 0 ? Infinity : 100))) {
          await stub.write({ data, timestamp: chunk.timestamp, exchange: chunk.exchange });
          return;
        }
        await stub.write({ data: data.subarray(0, slice), timestamp: chunk.timestamp, exchange: chunk.exchange });
        data = data.subarray(slice);
        sleep -= 100;
      }
      const start = performance.now();
      const slept = await stub.sleep(sleep);
      if (slept) sleep -= performance.now() - start;
      await stub.write({ data, timestamp: chunk.timestamp, exchange: chunk.exchange });
      if (!slept) return;
    }
  },
});

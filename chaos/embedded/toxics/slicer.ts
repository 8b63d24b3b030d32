/**
 * The `slicer` toxic: cuts every chunk into pieces of about `average_size`
 * bytes (± `size_variation`), sent with `delay` microseconds between them,
 * to imitate data arriving in many small TCP segments.
 *
 * @module
 */
import { INTERRUPTED, TIMED_OUT, type ToxicStub } from '../link/toxic-stub.js';
import { defineToxicType } from './toxic-type.js';

/** The `slicer` toxic type: `{average_size, size_variation}` in bytes, `{delay}` in microseconds. */
export const slicer = defineToxicType({
  name: 'slicer',
  goStruct: 'SlicerToxic',
  attributes: { average_size: 'int', size_variation: 'int', delay: 'int' },
  async pipe(stub: ToxicStub, { average_size, size_variation, delay }): Promise<void> {
    for (;;) {
      const chunk = await stub.read();
      if (chunk === INTERRUPTED || chunk === TIMED_OUT) return;
      if (chunk === null) return stub.close();
      const bounds = sliceBounds(0, chunk.data.length, average_size, size_variation, stub.random);
      for (let i = 1; i < bounds.length; i += 2) {
        await stub.write({ data: chunk.data.subarray(bounds[i - 1], bounds[i]), timestamp: chunk.timestamp, exchange: chunk.exchange });
        // Node cannot sleep less than a millisecond; shorter delays take one.
        if (!(await stub.sleep(delay / 1000))) {
          await stub.write({ data: chunk.data.subarray(bounds[i]), timestamp: chunk.timestamp, exchange: chunk.exchange });
          return;
        }
      }
    }
  },
});

/**
 * Start/end offsets of the slices of [start, end), halving recursively with
 * a random shift so slice sizes vary evenly. Go panics (or recurses forever)
 * for a variation larger than half a chunk or sizes below 1; here a split
 * always leaves at least one byte on each side instead.
 */
export function sliceBounds(start: number, end: number, average: number, variation: number, random: () => number = Math.random): number[] {
  if (end - start - average <= variation || end - start < 2) return [start, end];
  let mid = start + Math.floor((end - start) / 2);
  if (variation > 0) mid += Math.floor(random() * variation * 2) - variation;
  mid = Math.min(Math.max(mid, start + 1), end - 1);
  return [...sliceBounds(start, mid, average, variation, random), ...sliceBounds(mid, end, average, variation, random)];
}

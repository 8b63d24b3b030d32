/**
 * The `slow_close` toxic: data passes untouched, but when the stream ends
 * the close is held back for `delay` milliseconds.
 *
 * @module
 */
import { INTERRUPTED, TIMED_OUT, type ToxicStub } from '../link/toxic-stub.js';
import { defineToxicType } from './toxic-type.js';

/** The `slow_close` toxic type: `{delay}` in milliseconds. */
export const slowClose = defineToxicType({
  name: 'slow_close',
  goStruct: 'SlowCloseToxic',
  attributes: { delay: 'int64' },
  async pipe(stub: ToxicStub, { delay }): Promise<void> {
    for (;;) {
      const chunk = await stub.read();
      if (chunk === INTERRUPTED || chunk === TIMED_OUT) return;
      if (chunk === null) {
        // Interrupted while waiting: return without closing; the restarted toxic sees the end again.
        if (await stub.sleep(delay)) stub.close();
        return;
      }
      await stub.write(chunk);
    }
  },
});

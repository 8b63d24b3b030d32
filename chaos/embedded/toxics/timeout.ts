/**
 * The `timeout` toxic: drops all data. With `timeout` > 0 it closes the
 * stream once no data has arrived for that many milliseconds (Go restarts
 * its timer on every chunk it drops); with 0 it holds the connection open
 * forever. Removing it from a live connection closes that connection, as
 * Go's `Cleanup` does.
 *
 * @module
 */
import { INTERRUPTED, TIMED_OUT, type ToxicStub } from '../link/toxic-stub.js';
import { defineToxicType } from './toxic-type.js';

/** The `timeout` toxic type: `{timeout}` in milliseconds. */
export const timeout = defineToxicType({
  name: 'timeout',
  goStruct: 'TimeoutToxic',
  attributes: { timeout: 'int64' },
  async pipe(stub: ToxicStub, { timeout }): Promise<void> {
    for (;;) {
      const chunk = await stub.read(timeout > 0 ? timeout : undefined);
      if (chunk === INTERRUPTED) return;
      if (chunk === null || chunk === TIMED_OUT) return stub.close();
      // Anything else is dropped on the floor.
    }
  },
  cleanup(stub: ToxicStub): void {
    stub.close();
  },
});

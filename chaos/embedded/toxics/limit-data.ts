/**
 * The `limit_data` toxic: lets exactly `bytes` bytes through on a
 * connection, then ends the stream. The count survives updates of the
 * toxic, so raising the limit on a live connection lets more through.
 *
 * @module
 */
import { INTERRUPTED, TIMED_OUT, type ToxicStub } from '../link/toxic-stub.js';
import { defineToxicType } from './toxic-type.js';

interface LimitDataState {
  transmitted: number;
}

/** The `limit_data` toxic type: `{bytes}`. */
export const limitData = defineToxicType({
  name: 'limit_data',
  goStruct: 'LimitDataToxic',
  attributes: { bytes: 'int64' },
  newState: (): LimitDataState => ({ transmitted: 0 }),
  async pipe(stub: ToxicStub, { bytes }): Promise<void> {
    const state = stub.state as LimitDataState;
    let remaining = bytes - state.transmitted;
    for (;;) {
      const chunk = await stub.read();
      if (chunk === INTERRUPTED || chunk === TIMED_OUT) return;
      if (chunk === null) return stub.close();
      const data = chunk.data.subarray(0, Math.max(remaining, 0));
      if (data.length > 0) {
        await stub.write({ data, timestamp: chunk.timestamp, exchange: chunk.exchange });
        state.transmitted += data.length;
      }
      remaining = bytes - state.transmitted;
      if (remaining <= 0) return stub.close();
    }
  },
});

/**
 * The `reset_peer` toxic: on the first chunk (which it drops) or the end of
 * the stream, it waits `timeout` milliseconds and then ends the stream.
 * Because a connection that opened with this toxic in place has its sockets
 * set to close abortively, that end reaches the peers as a TCP RST
 * (`ECONNRESET`) rather than a FIN.
 *
 * @module
 */
import { INTERRUPTED, type ToxicStub } from '../link/toxic-stub.js';
import { defineToxicType } from './toxic-type.js';

/** The `reset_peer` toxic type: `{timeout}` in milliseconds. */
export const resetPeer = defineToxicType({
  name: 'reset_peer',
  goStruct: 'ResetToxic',
  attributes: { timeout: 'int64' },
  resetsConnections: true,
  async pipe(stub: ToxicStub, { timeout }): Promise<void> {
    const chunk = await stub.read();
    if (chunk === INTERRUPTED) return;
    // Go waits here with a bare timer: an API call that changes this toxic meanwhile waits too.
    await stub.sleepThroughInterrupts(timeout);
    stub.close();
  },
});

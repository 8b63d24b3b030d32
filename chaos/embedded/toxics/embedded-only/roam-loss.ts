/**
 * `roam_loss`, an embedded-only toxic: packet loss as TCP shows it. Bytes on
 * a TCP stream are never lost for good; a lost segment is sent again after
 * the retransmission timeout (RTO). So a lost request (or, on the downstream
 * stream, a lost answer) arrives one RTO late — its retransmission is
 * modelled as getting through — or, with `reset` 1, the connection is reset
 * (RST to both peers) instead, as a middlebox that gives up would do.
 *
 * Attributes (integers): `loss_ppm` (loss outside bursts, parts per
 * million), `burst_enter_ppm`, `burst_exit_ppm` and `burst_loss_ppm` (the
 * Gilbert-Elliott chain; enter 0 = no bursts), `per_request` 0 or 1,
 * `retransmit_ms` (the first RTO; 0 means 200, Linux's minimum), `reset`
 * 0 or 1, `seed` (0 = random).
 *
 * With `per_request` 1 the chain steps once per request, so bursts are runs
 * of consecutive lost requests; with 0 it steps once per connection, and a
 * connection that lost is lossy throughout: each of its requests waits one
 * RTO (or it is reset at its first byte).
 *
 * @module
 */
import { INTERRUPTED, TIMED_OUT, type ToxicStub } from '../../link/toxic-stub.js';
import { defineToxicType } from '../toxic-type.js';
import { GilbertElliott } from './gilbert-elliott.js';
import { randomSource } from './random-source.js';

/** Linux's minimum RTO, the delay of a first retransmission on a fast link. */
export const DEFAULT_RETRANSMIT_MS = 200;

const PPM = 1_000_000;

interface PerConnection {
  exchange: number | undefined;
  /** Whether the current request is lost. */
  lost: boolean | undefined;
  /** True until the first chunk of the current exchange has waited its delay. */
  pending: boolean;
}

/** The `roam_loss` toxic type. */
export const roamLoss = defineToxicType({
  name: 'roam_loss',
  goStruct: 'RoamLossToxic',
  attributes: {
    loss_ppm: 'int64',
    burst_enter_ppm: 'int64',
    burst_exit_ppm: 'int64',
    burst_loss_ppm: 'int64',
    per_request: 'int64',
    retransmit_ms: 'int64',
    reset: 'int64',
    seed: 'int64',
  },
  bufferSize: 1024,
  newSharedState: (a): GilbertElliott =>
    new GilbertElliott(
      {
        goodLoss: a.loss_ppm / PPM,
        badLoss: a.burst_loss_ppm / PPM,
        enter: a.burst_enter_ppm / PPM,
        exit: a.burst_exit_ppm / PPM,
      },
      randomSource(a.seed),
    ),
  newState: (): PerConnection => ({ exchange: undefined, lost: undefined, pending: false }),
  async pipe(stub: ToxicStub, attributes, shared): Promise<void> {
    const chain = shared as GilbertElliott;
    const rto = attributes.retransmit_ms > 0 ? attributes.retransmit_ms : DEFAULT_RETRANSMIT_MS;
    const connection = stub.state as PerConnection;
    // Per connection, the roll is made at each (re)start of the toxic, as Toxiproxy rolls toxicity.
    let connectionLost: boolean | undefined;
    for (;;) {
      const chunk = await stub.read();
      if (chunk === INTERRUPTED || chunk === TIMED_OUT) return;
      if (chunk === null) return stub.close();
      if (attributes.per_request !== 1 && connectionLost === undefined) connectionLost = chain.transmit();
      if (chunk.exchange !== connection.exchange || connection.lost === undefined) {
        connection.exchange = chunk.exchange;
        connection.lost = attributes.per_request === 1 ? chain.transmit() : connectionLost!;
        connection.pending = true;
      }
      if (connection.lost && attributes.reset === 1) {
        stub.resetConnection();
        return;
      }
      let slept = true;
      if (connection.pending) {
        connection.pending = false;
        const delay = connection.lost ? rto : 0;
        const sleep = delay - (performance.now() - chunk.timestamp);
        slept = await stub.sleep(sleep);
        if (slept && sleep > 0) chunk.timestamp += sleep;
      }
      await stub.write(chunk);
      if (!slept) return;
    }
  },
});

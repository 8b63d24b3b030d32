/**
 * `roam_latency`, an embedded-only toxic: latency with a choice of
 * distribution (uniform, normal, pareto) and, with `per_request` 1, dice
 * rolled per request instead of per connection: at each new request on a
 * keep-alive connection it rolls `toxicity` again and draws one delay that
 * every chunk of that request and of its answer (on this toxic's stream) gets.
 *
 * Attributes (integers): `latency` and `jitter` in ms (jitter is the
 * standard deviation for normal and pareto), `distribution` 0 uniform,
 * 1 normal, 2 pareto, `per_request` 0 or 1, `seed` (0 = random).
 *
 * @module
 */
import { INTERRUPTED, TIMED_OUT, type ToxicStub } from '../../link/toxic-stub.js';
import { defineToxicType } from '../toxic-type.js';
import { DISTRIBUTIONS, drawDelay, randomSource, type Random } from './random-source.js';

interface Shared {
  readonly random: Random;
  readonly toxicity: number;
}

interface PerConnection {
  exchange: number | undefined;
  delay: number;
}

/** The `roam_latency` toxic type. */
export const roamLatency = defineToxicType({
  name: 'roam_latency',
  goStruct: 'RoamLatencyToxic',
  attributes: { latency: 'int64', jitter: 'int64', distribution: 'int64', per_request: 'int64', seed: 'int64' },
  bufferSize: 1024,
  newSharedState: ({ seed }, toxicity): Shared => ({ random: randomSource(seed), toxicity }),
  rollsPerRequest: ({ per_request }) => per_request === 1,
  newState: (): PerConnection => ({ exchange: undefined, delay: 0 }),
  async pipe(stub: ToxicStub, attributes, shared): Promise<void> {
    const { random, toxicity } = shared as Shared;
    const distribution = DISTRIBUTIONS[attributes.distribution] ?? 'uniform';
    const draw = (): number => drawDelay(attributes.latency, attributes.jitter, distribution, random);
    const connection = stub.state as PerConnection;
    for (;;) {
      const chunk = await stub.read();
      if (chunk === INTERRUPTED || chunk === TIMED_OUT) return;
      if (chunk === null) return stub.close();
      let delay: number;
      if (attributes.per_request === 1) {
        if (chunk.exchange !== connection.exchange || connection.exchange === undefined) {
          connection.exchange = chunk.exchange;
          connection.delay = random() < toxicity ? draw() : 0;
        }
        delay = connection.delay;
      } else {
        delay = draw();
      }
      const sleep = delay - (performance.now() - chunk.timestamp);
      const slept = await stub.sleep(sleep);
      if (slept && sleep > 0) chunk.timestamp += sleep;
      await stub.write(chunk);
      if (!slept) return;
    }
  },
});

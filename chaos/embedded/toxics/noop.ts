/**
 * The `noop` toxic: passes everything through. Toxiproxy registers it as an
 * internal type (so the API accepts it) and runs it in place of any toxic
 * whose toxicity roll failed for a connection.
 *
 * @module
 */
import { INTERRUPTED, TIMED_OUT, type ToxicStub } from '../link/toxic-stub.js';
import { defineToxicType } from './toxic-type.js';

/**
 * Copies chunks from input to output until interrupted or the input ends.
 *
 * @example
 * ```ts
 * stub.run(toxic, passThrough);
 * ```
 */
export async function passThrough(stub: ToxicStub): Promise<void> {
  for (;;) {
    const chunk = await stub.read();
    if (chunk === INTERRUPTED || chunk === TIMED_OUT) return;
    if (chunk === null) return stub.close();
    await stub.write(chunk);
  }
}

/** The `noop` toxic type: `"attributes":{}`. */
export const noop = defineToxicType({
  name: 'noop',
  goStruct: 'NoopToxic',
  attributes: {},
  pipe: passThrough,
});

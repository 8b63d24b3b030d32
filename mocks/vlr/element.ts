import { parsePlmn } from '../../simulator/plmn.js';
import { VisitorLocationRegister, type VlrOptions } from '../../simulator/elements/visitor-location-register.js';
import type { ElementDefinition } from '../element/served-element.js';
import { createVlrHandler } from './handler.js';

/**
 * A VLR as an element `serveElement` can crash and restart: with its
 * registrations, calls and sessions, or as a fresh VLR that knows nobody
 * (a new incarnation, whose ids never repeat the old one's).
 *
 * @example
 * ```ts
 * await using vlr = await serveElement(vlrElement({ plmn: '208-01', vlrNumber: 'vlr-208-01', homeNetworks, clock: realClock }));
 * const access = new VlrClient({ baseUrl: vlr.url });
 * ```
 */
export function vlrElement(options: VlrOptions): ElementDefinition<VisitorLocationRegister> {
  let boots = 0;
  return {
    name: `vlr:${parsePlmn(options.plmn).id}`,
    // Each start is a new incarnation, so ids (and charging keys) never repeat across restarts,
    // even two starts within one millisecond of the clock.
    createState: () => {
      boots++;
      const incarnation = options.incarnation ?? options.clock.now().toString(36);
      return new VisitorLocationRegister({ ...options, incarnation: boots > 1 ? `${incarnation}.${boots}` : incarnation });
    },
    handler: (vlr) => createVlrHandler(vlr),
  };
}

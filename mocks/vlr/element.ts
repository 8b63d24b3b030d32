import { parsePlmn } from '../../simulator/plmn.js';
import { VisitorLocationRegister, type VlrOptions } from '../../simulator/elements/visitor-location-register.js';
import type { ElementDefinition } from '../element/served-element.js';
import { createVlrHandler } from './handler.js';

/**
 * A VLR as an element `serveElement` can crash and restart: with its
 * registrations, calls and sessions, or as a fresh VLR that knows nobody.
 *
 * @example
 * ```ts
 * await using vlr = await serveElement(vlrElement({ plmn: '208-01', vlrNumber: 'vlr-208-01', homeNetworks, clock: realClock }));
 * const access = new VlrClient({ baseUrl: vlr.url });
 * ```
 */
export function vlrElement(options: VlrOptions): ElementDefinition<VisitorLocationRegister> {
  return {
    name: `vlr:${parsePlmn(options.plmn).id}`,
    createState: () => new VisitorLocationRegister(options),
    handler: (vlr) => createVlrHandler(vlr),
  };
}

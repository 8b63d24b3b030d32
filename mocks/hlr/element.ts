import { HomeLocationRegister } from '../../simulator/elements/home-location-register.js';
import { parsePlmn } from '../../simulator/plmn.js';
import type { ElementDefinition } from '../element/served-element.js';
import { createHlrHandler, type HlrHandlerOptions } from './handler.js';

/** What a {@link HomeLocationRegister} is made from. */
export type HlrOptions = ConstructorParameters<typeof HomeLocationRegister>[0];

/**
 * A home HLR/HSS as an element `serveElement` can crash and restart: with
 * its subscribers and serving VLRs, or empty, as after losing its database.
 * `limits.maxSubscribers` caps provisioning (default 1 000 000).
 *
 * @example
 * ```ts
 * await using hlr = await serveElement(hlrElement({ plmn: '262-01', agreements, visitedNetworks: vlrs }));
 * ```
 */
export function hlrElement(options: HlrOptions, limits: HlrHandlerOptions = {}): ElementDefinition<HomeLocationRegister> {
  return {
    name: `hlr:${parsePlmn(options.plmn).id}`,
    createState: () => new HomeLocationRegister(options),
    handler: (hlr) => createHlrHandler(hlr, limits),
  };
}

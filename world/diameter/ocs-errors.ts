/**
 * What a world cannot do with a user's OCS over Gy.
 *
 * @module
 */
import { RoamError } from '../../core/errors.js';

/**
 * The world was asked for the billing client of an OCS it reaches over Gy:
 * credit control charges, but has no request that reads CDRs back.
 */
export class OcsHasNoCdrReadsError extends RoamError {
  constructor(home: string, url: string) {
    super(
      'ROAM_OCS_HAS_NO_CDR_READS',
      `get the billing client of ${home}`,
      `its billing is the OCS at ${url}, which speaks Gy (Diameter credit control) and has no way to read CDRs back`,
      { hint: "Read the CDRs from the OCS itself, or put the built-in billing (protocols: { billing: 'diameter' }) in the slot" },
    );
  }
}

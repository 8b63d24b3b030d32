import { RoamError } from '../../../core/errors.js';
import type { PlmnId } from '../../../simulator/plmn.js';

/**
 * TADIG codes (the 5-character operator codes TAP files name their sender
 * and recipient by) of well-known networks the harness's worlds use.
 * Others are given with the `tadig` option.
 */
export const WELL_KNOWN_TADIG: Readonly<Record<string, string>> = {
  '262-01': 'DEUD1',
  '262-02': 'DEUD2',
  '262-03': 'DEUE1',
  '262-07': 'DEUE2',
  '208-01': 'FRAF1',
  '208-10': 'FRAF2',
  '208-20': 'FRAF3',
  '214-01': 'ESPAT',
  '214-03': 'ESPRT',
  '214-07': 'ESPTE',
  '222-10': 'ITAOM',
  '234-10': 'GBRCN',
  '234-15': 'GBRVF',
  '234-20': 'GBRHU',
  '234-30': 'GBRME',
};

/** A network with no TADIG code known. */
export class UnknownTadigError extends RoamError {
  constructor(plmn: string) {
    super('ROAM_UNKNOWN_TADIG', `name ${plmn} in a TAP file`, 'no TADIG code is known for it', {
      hint: `Pass its code in the tadig option, e.g. { tadig: { '${plmn}': 'XXXYY' } }`,
    });
  }
}

/** The TADIG code of a network: from `extra`, else the well-known table. @throws {UnknownTadigError} */
export function tadigOf(plmn: PlmnId, extra: Readonly<Record<string, string>> = {}): string {
  const code = extra[plmn] ?? WELL_KNOWN_TADIG[plmn];
  if (!code) throw new UnknownTadigError(plmn);
  return code;
}

/** The network of a TADIG code, if `extra` or the table knows it. */
export function plmnOfTadig(code: string, extra: Readonly<Record<string, string>> = {}): PlmnId | undefined {
  const all = { ...WELL_KNOWN_TADIG, ...extra };
  return Object.keys(all).find((plmn) => all[plmn] === code) as PlmnId | undefined;
}

/**
 * Which clock a scenario runs on: its own `clock:`, unless `ROAM_CLOCK`
 * says otherwise for the whole run.
 *
 * @module
 */
import { RoamError } from '../core/errors.js';
import type { SpecDocumentSpec } from './schema.js';

/** Which clock a scenario runs on. */
export type ScenarioClock = 'virtual' | 'networked';

/**
 * The clock a scenario runs on: `ROAM_CLOCK` when set, else its own
 * `clock:`, else `networked` (elements on sockets behind chaos proxies).
 *
 * @throws {RoamError} when `ROAM_CLOCK` is neither `virtual` nor `networked`.
 */
export function clockOf(spec: SpecDocumentSpec, env: NodeJS.ProcessEnv = process.env): ScenarioClock {
  const forced = env['ROAM_CLOCK'];
  if (forced !== undefined && forced !== '') {
    if (forced !== 'virtual' && forced !== 'networked') {
      throw new RoamError('ROAM_INVALID_CLOCK', `use ROAM_CLOCK=${forced}`, 'it is neither virtual nor networked', {
        hint: 'Set ROAM_CLOCK=virtual or ROAM_CLOCK=networked, or unset it to use each spec’s clock',
      });
    }
    return forced;
  }
  return spec.clock ?? 'networked';
}

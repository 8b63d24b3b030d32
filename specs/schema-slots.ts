import { z } from 'zod';
import { RoamError } from '../core/errors.js';
import type { ElementRole } from '../world/slots/element-slot.js';
import { resolveSlot } from '../world/slots/slot-schemes.js';

/**
 * An element slot in a spec's world: the built-in element, osmo-hlr (HLR
 * only), or the user's own by URL, checked as the world will check it, so a
 * bad scheme or a URL with credentials fails validation at its line, before
 * any test runs.
 */
export function ElementSlot(role: ElementRole, words: readonly [string, ...string[]]) {
  return z
    .string()
    .superRefine((value, ctx) => {
      if (words.includes(value)) return;
      try {
        resolveSlot(role, value, 'this world');
      } catch (error) {
        if (!(error instanceof RoamError)) throw error;
        // The world's own words: "cannot use "ftp://…" as the hlr of this world: the scheme ftp is not known. Give …".
        ctx.addIssue({ code: 'custom', message: error.message.replace(/^\[roam\] Failed to /, 'cannot ') });
      }
    })
    .meta({ examples: [...words, role === 'hlr' ? 'gsup://10.0.0.5:4222' : `https://${role}.example.net:8443`] });
}

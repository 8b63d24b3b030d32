import type { HlrProvisioning } from '../../peers/osmo-hlr/provisioning.js';
import { VtyProvisioning } from '../../peers/osmo-hlr/vty-provisioning.js';

/** osmo-hlr's version from `show version` on its VTY, e.g. `1.5.0`; undefined when it does not say. */
export async function vtyVersion(provisioning: HlrProvisioning): Promise<string | undefined> {
  if (!(provisioning instanceof VtyProvisioning)) return undefined;
  const text = await provisioning.vty.run('show version');
  return /OsmoHLR (?:version )?(\d[^\s(]*)/.exec(text)?.[1];
}

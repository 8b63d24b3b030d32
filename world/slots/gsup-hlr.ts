/**
 * The GSUP side of HLR slots: osmo-hlr started by the world, and
 * provisioning over a VTY. Loaded only by worlds whose HLR speaks GSUP, so
 * the launcher, the VTY and the GSUP codec stay off everyone else's
 * import path.
 *
 * @module
 */
import { startOsmoHlr } from '../../peers/osmo-hlr/launcher.js';
import { openProvisioning, provisionSubscriber, type HlrProvisioning } from '../../peers/osmo-hlr/provisioning.js';
import { GSUP_PORT } from '../../peers/gsup/gsup-client.js';
import type { RunningHlr } from './running-hlr.js';

/** Starts osmo-hlr for a home network and opens its VTY for provisioning. */
export async function startWorldOsmoHlr(): Promise<RunningHlr> {
  // osmo-hlr picks its own 127.0.0.x address: it cannot listen on ephemeral ports.
  const osmo = await startOsmoHlr();
  let vty: HlrProvisioning;
  try {
    vty = await openProvisioning({ host: osmo.address });
  } catch (error) {
    await osmo.stop();
    throw error;
  }
  return {
    address: `${osmo.address}:${osmo.gsupPort ?? GSUP_PORT}`,
    protocol: 'gsup',
    element: undefined,
    osmo,
    admin: undefined,
    provision: overVty(vty),
    close: async () => {
      await vty.close().catch(() => undefined);
      await osmo.stop();
    },
  };
}

/** Opens the VTY at `host:port` and provisions subscribers through it, one command at a time. */
export async function provisionedOverVty(host: string, port: number): Promise<Pick<RunningHlr, 'provision' | 'close'>> {
  const vty = await openProvisioning({ host, port });
  return { provision: overVty(vty), close: () => vty.close().catch(() => undefined) };
}

// One VTY session answers one command at a time: provisioning is queued.
function overVty(vty: HlrProvisioning): RunningHlr['provision'] {
  let queue: Promise<unknown> = Promise.resolve();
  return (request) => {
    const next = queue.then(() =>
      provisionSubscriber(vty, {
        imsi: request.imsi,
        // osmo-hlr stores MSISDNs as digits only.
        msisdn: request.msisdn.replace(/^\+/, ''),
        milenage: { k: request.k, opc: request.opc },
        networkAccessMode: request.roaming?.allowed === false ? 'none' : 'cs+ps',
      }),
    );
    queue = next.catch(() => undefined);
    return next;
  };
}

import { serveElement } from '../../mocks/element/served-element.js';
import { hlrElement } from '../../mocks/hlr/element.js';
import { HlrClient } from '../../mocks/hlr/client.js';
import { InvalidWorldOptionError } from '../world-options.js';
import type { ExternalSlot } from './element-slot.js';
import type { HlrSlotInit, RunningHlr } from './running-hlr.js';

/** Starts (or, for a URL, connects to) the HLR of a home network's slot. */
export async function startHlrSlot(init: HlrSlotInit): Promise<RunningHlr> {
  switch (init.slot.kind) {
    case 'builtin':
      // The Diameter stack loads only for worlds whose HLR speaks it.
      return init.protocol === 'diameter'
        ? (await import('../diameter/diameter-hss-slot.js')).startDiameterHss(init)
        : startBuiltinHlr(init);
    case 'osmo-hlr':
      // osmo-hlr's driver (launcher, VTY, GSUP) loads only for worlds that run it.
      return (await import('./gsup-hlr.js')).startWorldOsmoHlr();
    case 'external':
      return startExternalHlr(init, init.slot);
  }
}

async function startBuiltinHlr(init: HlrSlotInit): Promise<RunningHlr> {
  const element = await serveElement(hlrElement({ plmn: init.plmn, agreements: init.agreements, visitedNetworks: init.vlrs }), {
    host: init.host,
    hasher: init.hasher,
  });
  const admin = new HlrClient({ baseUrl: element.url });
  return {
    address: element.address,
    protocol: 'http',
    element,
    osmo: undefined,
    admin,
    provision: async (request) => void (await admin.provision(request)),
    close: () => element.close(),
  };
}

async function startExternalHlr(init: HlrSlotInit, slot: ExternalSlot): Promise<RunningHlr> {
  const skipped = init.provisioning === 'skip';
  const notice = skipped
    ? `hlr:${init.plmn} at ${slot.url} is provisioned by you (provisioning: 'skip'): the world sends it no subscriber; register yours with world.simulator.registerSubscriber({ imsi, msisdn, k, opc }).`
    : undefined;
  const none = async () => undefined;
  const base = { address: slot.address, element: undefined, osmo: undefined, ...(notice ? { notice } : {}) };
  if (slot.protocol === 'http') {
    const admin = new HlrClient({ baseUrl: slot.url });
    return { ...base, protocol: 'http', admin, provision: skipped ? none : async (r) => void (await admin.provision(r)), close: none };
  }
  if (slot.protocol === 'diameter') {
    // An HSS has no provisioning interface over S6a: its subscribers are the user's to create.
    if (!skipped) {
      throw new InvalidWorldOptionError(
        'hlr',
        slot.url,
        "A Diameter HSS cannot be provisioned over S6a: set provisioning: 'skip', provision its subscribers yourself and register them with world.simulator.registerSubscriber({ imsi, msisdn, k, opc })",
      );
    }
    return { ...base, protocol: 'diameter', admin: undefined, provision: none, close: none };
  }
  if (skipped) return { ...base, protocol: 'gsup', admin: undefined, provision: none, close: none };
  const vtyPort = Number(slot.options['vty']);
  if (!vtyPort) {
    throw new InvalidWorldOptionError(
      'hlr',
      slot.url,
      `A GSUP HLR has no admin contract: add ?vty=<port> to provision it over its VTY (osmo-hlr: ${slot.url}?vty=4258), or set provisioning: 'skip' and provision it yourself`,
    );
  }
  const { provisionedOverVty } = await import('./gsup-hlr.js');
  const vty = await provisionedOverVty(slot.address.slice(0, slot.address.lastIndexOf(':')), vtyPort);
  return { ...base, protocol: 'gsup', admin: undefined, ...vty };
}

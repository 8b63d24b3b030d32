/**
 * The built-in home HLR of a world served as an HSS over S6a: the HLR
 * element keeps its HTTP admin API (the world provisions through it) and a
 * Diameter server in front of the same HLR answers the VLRs, which speak to
 * it as MMEs. CancelLocation goes back to the MME as a CLR on the
 * connection it opened, so no `hlr -> vlr` link is needed.
 *
 * @module
 */
import { serveElement } from '../../mocks/element/served-element.js';
import { hlrElement } from '../../mocks/hlr/element.js';
import { HlrClient } from '../../mocks/hlr/client.js';
import { DiameterHss } from '../../peers/diameter/s6a/diameter-hss.js';
import { S6aVisitedNetworks } from '../../peers/diameter/s6a/s6a-visited-networks.js';
import type { HlrSlotInit, RunningHlr } from '../slots/running-hlr.js';
import { liveState, withDiameterFront } from './diameter-front.js';
import { hssName } from './diameter-names.js';

/** Starts the built-in HLR of `init.plmn` with its S6a front. */
export async function startDiameterHss(init: HlrSlotInit): Promise<RunningHlr> {
  const visitedNetworks = new S6aVisitedNetworks(init.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: init.requestTimeoutMs });
  const served = await serveElement(hlrElement({ plmn: init.plmn, agreements: init.agreements, visitedNetworks }), {
    host: init.host,
    hasher: init.hasher,
  });
  const hlr = liveState(served);
  let fronted;
  try {
    fronted = await withDiameterFront(served, (port) =>
      DiameterHss.serve({
        hlr,
        visitedNetworks,
        identity: hssName(init.plmn),
        host: init.host,
        ...(port === undefined ? {} : { port }),
        ...(init.pcap ? { onTraffic: init.pcap.onTraffic } : {}),
      }),
    );
  } catch (error) {
    await served.close();
    throw error;
  }
  init.pcap?.serviceAt(fronted.address);
  const admin = new HlrClient({ baseUrl: served.url });
  return {
    address: fronted.address,
    protocol: 'diameter',
    element: fronted.element,
    osmo: undefined,
    admin,
    provision: async (request) => void (await admin.provision(request)),
    close: () => fronted.element.close(),
  };
}

import type { PlmnId } from '../plmn.js';
import type { RoamingAgreement } from '../policy/agreements.js';

/** What the HLR/VLR architecture diagram shows: the networks of a world and the agreements between them. */
export interface ArchitectureModel {
  readonly homes: readonly { readonly plmn: PlmnId; readonly name: string }[];
  readonly visited: readonly { readonly plmn: PlmnId; readonly name: string }[];
  readonly agreements: readonly RoamingAgreement[];
}

/** An example world: Germany home; France, Spain and Italy visited. */
export const EXAMPLE_ARCHITECTURE: ArchitectureModel = {
  homes: [{ plmn: '262-01', name: 'Telekom' }],
  visited: [
    { plmn: '208-01', name: 'Orange' },
    { plmn: '214-01', name: 'Vodafone' },
    { plmn: '222-01', name: 'TIM' },
  ],
  agreements: ['208-01', '214-01', '222-01'].map((visited) => ({
    home: '262-01',
    visited: visited as PlmnId,
    tariff: { name: 'standard', currency: 'EUR', perMinute: 0.1, perMegabyte: 0.01, perSms: 0.05 },
  })),
};

const node = (plmn: PlmnId) => plmn.replace('-', '_');

/**
 * The HLR/VLR architecture of a world as a Mermaid flowchart: each home
 * network's HLR/AuC and billing, each visited network's VLR, and the links
 * the procedures use between them (MAP-like signalling one way, cancel and
 * insert the other, charging to the home), labelled with the agreement's
 * tariff, or as barred.
 */
export function mermaidArchitecture(model: ArchitectureModel): string {
  const lines = ['flowchart LR', '    UE((Roamer: UE + SIM))'];
  for (const h of model.homes) {
    lines.push(`    subgraph home_${node(h.plmn)} ["Home ${h.plmn} ${h.name}"]`);
    lines.push(
      `        HLR_${node(h.plmn)}[("HLR/HSS + AuC (Milenage)")]`,
      `        BILL_${node(h.plmn)}[("Billing: OCS + CDRs")]`,
      '    end',
    );
  }
  for (const v of model.visited)
    lines.push(`    subgraph visited_${node(v.plmn)} ["Visited ${v.plmn} ${v.name}"]`, `        VLR_${node(v.plmn)}["VLR/MME"]`, '    end');
  for (const v of model.visited) lines.push(`    UE -- "radio: attach, calls, data, SMS" --> VLR_${node(v.plmn)}`);
  for (const a of model.agreements) {
    const vlr = `VLR_${node(a.visited)}`;
    const hlr = `HLR_${node(a.home)}`;
    if (a.allowed === false) {
      lines.push(`    ${vlr} -. "barred: no roaming" .-> ${hlr}`);
      continue;
    }
    lines.push(`    ${vlr} -- "SendAuthInfo, UpdateLocation, PurgeMS" --> ${hlr}`);
    lines.push(`    ${hlr} -. "InsertSubscriberData, CancelLocation" .-> ${vlr}`);
    lines.push(`    ${vlr} -- "charging (${a.tariff.name})" --> BILL_${node(a.home)}`);
  }
  const visited = model.visited.map((v) => v.plmn);
  for (let i = 1; i < visited.length; i++) lines.push(`    VLR_${node(visited[i - 1]!)} <-- "handover" --> VLR_${node(visited[i]!)}`);
  return lines.join('\n') + '\n';
}

/** The same architecture as ASCII: the home networks, then each visited network and its links. */
export function asciiArchitecture(model: ArchitectureModel): string {
  const lines = ['HLR/VLR architecture', '===================='];
  for (const h of model.homes) {
    const head = `+-- Home ${h.plmn} (${h.name}) `;
    lines.push(head + '-'.repeat(Math.max(0, 59 - head.length)) + '+');
    lines.push(
      '|   [HLR/HSS + AuC]  subscribers, K/OPc/SQN, roaming policy',
      '|   [Billing]        charging events -> CDRs -> rating',
      '+' + '-'.repeat(58) + '+',
    );
  }
  for (const v of model.visited) {
    lines.push('', `  [VLR/MME ${v.plmn} ${v.name}]  <== radio ==  (Roamer: UE + SIM)`);
    for (const a of model.agreements.filter((x) => x.visited === v.plmn)) {
      if (a.allowed === false) {
        lines.push(`      x-- barred --x  home ${a.home}`);
        continue;
      }
      lines.push(`      --> HLR ${a.home}: SendAuthInfo, UpdateLocation, PurgeMS`);
      lines.push(`      <-- HLR ${a.home}: InsertSubscriberData, CancelLocation`);
      lines.push(`      --> Billing ${a.home}: charging, tariff ${a.tariff.name} (${a.tariff.perMinute} ${a.tariff.currency}/min)`);
    }
  }
  if (model.visited.length > 1) lines.push('', `  handover between VLRs: ${model.visited.map((v) => v.plmn).join(' <-> ')}`);
  return lines.join('\n') + '\n';
}

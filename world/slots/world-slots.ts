import type { PlmnId } from '../../simulator/plmn.js';
import { parsePlmn } from '../../simulator/plmn.js';
import { type ElementRole, InvalidElementSlotError, type ResolvedSlot } from './element-slot.js';
import { resolveSlot } from './slot-schemes.js';

/** One element slot option: the same element for every network of the role, or one per PLMN. */
export type SlotOption = string | Readonly<Record<string, string>>;

/** What fills every slot of a world, by network. */
export interface WorldSlots {
  readonly hlr: ReadonlyMap<PlmnId, ResolvedSlot>;
  readonly billing: ReadonlyMap<PlmnId, ResolvedSlot>;
  readonly vlr: ReadonlyMap<PlmnId, ResolvedSlot>;
}

/**
 * Resolves the `hlr`, `billing` and `vlr` options of a world over its home
 * and visited networks. A per-PLMN option leaves the networks it does not
 * name with the built-in element; a PLMN that is not in the world is refused.
 *
 * @throws {InvalidElementSlotError} for a value no slot takes, or a PLMN the world does not have.
 * @example
 * ```ts
 * worldSlotsOf({ hlr: 'http://127.0.0.1:7001', vlr: { '208-01': 'http://127.0.0.1:7002' } }, ['262-01'], ['208-01', '214-01'])
 * ```
 */
export function worldSlotsOf(
  options: { readonly hlr?: SlotOption; readonly billing?: SlotOption; readonly vlr?: SlotOption },
  homes: readonly PlmnId[],
  visited: readonly PlmnId[],
): WorldSlots {
  return {
    hlr: slotsFor('hlr', options.hlr, homes),
    billing: slotsFor('billing', options.billing, homes),
    vlr: slotsFor('vlr', options.vlr, visited),
  };
}

function slotsFor(role: ElementRole, option: SlotOption | undefined, networks: readonly PlmnId[]): Map<PlmnId, ResolvedSlot> {
  const slots = new Map<PlmnId, ResolvedSlot>();
  if (option === undefined || typeof option === 'string') {
    for (const plmn of networks) slots.set(plmn, resolveSlot(role, option ?? 'builtin', plmn));
    return slots;
  }
  for (const key of Object.keys(option)) {
    let id: PlmnId | undefined;
    try {
      id = parsePlmn(key).id;
    } catch {
      id = undefined;
    }
    if (!id || !networks.includes(id)) {
      throw new InvalidElementSlotError(
        role,
        key,
        option[key]!,
        `${key} is not a ${role === 'vlr' ? 'visited' : 'home'} network of this world`,
        `Key the ${role} option by one of ${networks.join(', ')}`,
      );
    }
  }
  for (const plmn of networks) {
    const given = Object.entries(option).find(([key]) => parsePlmn(key).id === plmn)?.[1];
    slots.set(plmn, resolveSlot(role, given ?? 'builtin', plmn));
  }
  return slots;
}

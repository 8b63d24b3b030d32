import { parsePlmn, type PlmnId } from '../plmn.js';

/** What the home network decides about one registration attempt. */
export type SteeringVerdict = { readonly steer: false } | { readonly steer: true; readonly preferred: readonly PlmnId[] };

/**
 * Steering of roaming, on the home network's side (GSMA IR.73): in a
 * country where the home operator prefers some partners, an UpdateLocation
 * from any other network is rejected, so the phone tries the next network
 * in its list. After `maxRejects` rejects in one country the subscriber is
 * let in wherever it is, as real SoR platforms do, so nobody is left without
 * service.
 *
 * @example
 * ```ts
 * const steering = new SteeringPolicy({ preferred: ['208-01', '214-01'] }); // Orange in FR, Movistar in ES
 * new HomeLocationRegister({ plmn: '262-01', agreements, steering });
 * ```
 */
export class SteeringPolicy {
  readonly #preferredByMcc = new Map<string, PlmnId[]>();
  readonly #maxRejects: number;
  readonly #rejects = new Map<string, number>();

  /** @param options `preferred`: the preferred partner networks; `maxRejects`: default 4. */
  constructor(options: { preferred: readonly string[]; maxRejects?: number }) {
    for (const id of options.preferred) {
      const plmn = parsePlmn(id);
      this.#preferredByMcc.set(plmn.mcc, [...(this.#preferredByMcc.get(plmn.mcc) ?? []), plmn.id]);
    }
    this.#maxRejects = options.maxRejects ?? 4;
  }

  /** Decides about `imsi` registering in `visited`, counting the rejects it gives. */
  check(imsi: string, visited: PlmnId): SteeringVerdict {
    const mcc = visited.slice(0, 3);
    const preferred = this.#preferredByMcc.get(mcc);
    const key = `${imsi}@${mcc}`;
    if (!preferred || preferred.includes(visited)) {
      this.#rejects.delete(key);
      return { steer: false };
    }
    const rejects = this.#rejects.get(key) ?? 0;
    if (rejects >= this.#maxRejects) {
      this.#rejects.delete(key);
      return { steer: false };
    }
    this.#rejects.set(key, rejects + 1);
    return { steer: true, preferred };
  }
}

/**
 * The few toxic calls the fault vocabulary makes, over
 * `toxiproxy-node-client`'s HTTP client, by proxy and toxic name.
 *
 * @module
 */
import type { Toxiproxy } from 'toxiproxy-node-client';
import type { ToxicSpec } from './faults/fault-plan.js';

/** A toxic as the API lists it. */
export interface ListedToxic {
  readonly name: string;
  readonly type: string;
  readonly stream: string;
  readonly toxicity: number;
  readonly attributes: Readonly<Record<string, number>>;
}

/**
 * Toxic calls on one Toxiproxy API.
 *
 * @example
 * ```ts
 * const api = new ToxiproxyApi(client, 'http://127.0.0.1:8474');
 * await api.addToxic('hlr', { name: 'slow', type: 'latency', stream: 'upstream', toxicity: 1, attributes: { latency: 100 } });
 * ```
 */
export class ToxiproxyApi {
  readonly client: Toxiproxy;
  readonly url: string;

  constructor(client: Toxiproxy, url: string) {
    this.client = client;
    this.url = url;
  }

  /** Adds a toxic; throws the client's error as is. */
  async addToxic(proxy: string, toxic: ToxicSpec & { readonly name: string }): Promise<void> {
    await this.client.getApi().post(`${this.url}/proxies/${encodeURIComponent(proxy)}/toxics`, toxic);
  }

  /** Changes a toxic's attributes and toxicity in place. */
  async updateToxic(proxy: string, name: string, toxic: ToxicSpec): Promise<void> {
    await this.client.getApi().post(`${this.url}/proxies/${encodeURIComponent(proxy)}/toxics/${encodeURIComponent(name)}`, {
      attributes: toxic.attributes,
      toxicity: toxic.toxicity,
    });
  }

  /** Removes toxics; ones already gone are fine. */
  async removeToxics(proxy: string, names: readonly string[]): Promise<void> {
    const api = this.client.getApi();
    await Promise.all(
      names.map((name) =>
        api.delete(`${this.url}/proxies/${encodeURIComponent(proxy)}/toxics/${encodeURIComponent(name)}`).catch(() => undefined),
      ),
    );
  }

  /** The toxics on a proxy now. */
  async listToxics(proxy: string): Promise<ListedToxic[]> {
    const response = await this.client.getApi().get<ListedToxic[]>(`${this.url}/proxies/${encodeURIComponent(proxy)}/toxics`);
    return response.data;
  }
}

/**
 * Which toxic types a Toxiproxy backend has, asked of the backend itself:
 * a scratch proxy that never listens gets one toxic of the type, and the
 * answer (200, or 400 `invalid toxic type`) tells. Nothing the links carry
 * is touched, and the scratch proxy is deleted at once.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Toxiproxy } from 'toxiproxy-node-client';
import { ChaosError } from './chaos-error.js';

/**
 * Answers "does this backend know toxic type X?", once per type.
 *
 * @example
 * ```ts
 * const capabilities = new ToxicCapabilities(client, url);
 * await capabilities.has('roam_loss'); // false on a real Toxiproxy
 * ```
 */
export class ToxicCapabilities {
  readonly #client: Toxiproxy;
  readonly #url: string;
  readonly #known = new Map<string, Promise<boolean>>();
  #version: Promise<string> | undefined;

  constructor(client: Toxiproxy, url: string) {
    this.#client = client;
    this.#url = url;
  }

  /** True if the backend accepts toxics of `type`. */
  has(type: string): Promise<boolean> {
    let answer = this.#known.get(type);
    if (answer === undefined) {
      answer = this.#probe(type);
      this.#known.set(type, answer);
      answer.catch(() => this.#known.delete(type));
    }
    return answer;
  }

  /** The backend's version string, e.g. `2.12.0+roaming-harness`. */
  version(): Promise<string> {
    this.#version ??= this.#client.getVersion().then(
      (text) => {
        try {
          return String((JSON.parse(text) as { version: unknown }).version);
        } catch {
          return text.trim();
        }
      },
      () => 'unknown',
    );
    return this.#version;
  }

  async #probe(type: string): Promise<boolean> {
    const name = `roam-capability-probe-${randomBytes(4).toString('hex')}`;
    const api = this.#client.getApi();
    try {
      await api.post(`${this.#url}/proxies`, { name, listen: '127.0.0.1:0', upstream: '127.0.0.1:9', enabled: false });
    } catch (error) {
      throw new ChaosError(
        'ROAM_CHAOS_BACKEND',
        `ask ${this.#url} which toxic types it has`,
        (error as Error).message,
        'Check that the chaos backend is running',
        { cause: error },
      );
    }
    try {
      await api.post(`${this.#url}/proxies/${name}/toxics`, { name: 'probe', type, stream: 'downstream', toxicity: 0, attributes: {} });
      return true;
    } catch (error) {
      if (/status code 400/.test((error as Error).message)) return false;
      throw new ChaosError(
        'ROAM_CHAOS_BACKEND',
        `ask ${this.#url} about toxic type ${type}`,
        (error as Error).message,
        'Check the chaos backend',
        {
          cause: error,
        },
      );
    } finally {
      await api.delete(`${this.#url}/proxies/${name}`).catch(() => undefined);
    }
  }
}

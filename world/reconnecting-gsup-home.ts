import type { IdentityHasher } from '../simulator/identity-hasher.js';
import type { AuthVector } from '../simulator/auth/vector.js';
import type {
  HomeNetworkPort,
  PurgeRequest,
  SendAuthInfoRequest,
  SubscriberData,
  UpdateLocationRequest,
} from '../simulator/signaling/ports.js';
import { GsupClient } from '../peers/gsup/gsup-client.js';
import { GsupHomeNetwork } from '../peers/gsup/gsup-home-network.js';
import { OsmoHlrDiedError } from '../peers/osmo-hlr/hlr-errors.js';
import { RejectError } from '../simulator/causes.js';

/**
 * A VLR's route to osmo-hlr: GSUP over one IPA connection through the chaos
 * proxy, opened on first use and opened again after the proxy (or osmo-hlr)
 * dropped it, as a real VLR re-establishes its GSUP link. Requests in flight
 * when the link drops fail; the next one reconnects. When osmo-hlr's process
 * has died, a request fails with {@link OsmoHlrDiedError} saying how (its
 * exit code or signal), not with a bare lost connection.
 */
export class ReconnectingGsupHome implements HomeNetworkPort {
  readonly #host: string;
  readonly #port: number;
  readonly #hasher: IdentityHasher;
  readonly #homeId: string;
  readonly #death: () => string | undefined;
  #connection: Promise<{ client: GsupClient; home: GsupHomeNetwork }> | undefined;
  #closed = false;

  /**
   * @param options.address `host:port` of the proxy in front of osmo-hlr's GSUP port
   * @param options.hasher names subscribers in errors as the world's events do
   * @param options.home the home network, for errors
   * @param options.death how osmo-hlr died, e.g. `osmo-hlr exited (signal SIGKILL) at ...`, or undefined while it runs
   */
  constructor(options: { address: string; hasher: IdentityHasher; home?: string; death?: () => string | undefined }) {
    this.#hasher = options.hasher;
    this.#homeId = options.home ?? 'the home network';
    this.#death = options.death ?? (() => undefined);
    const at = options.address.lastIndexOf(':');
    this.#host = options.address.slice(0, at);
    this.#port = Number(options.address.slice(at + 1));
  }

  sendAuthInfo(request: SendAuthInfoRequest): Promise<AuthVector[]> {
    return this.#call((home) => home.sendAuthInfo(request));
  }

  updateLocation(request: UpdateLocationRequest): Promise<SubscriberData> {
    return this.#call((home) => home.updateLocation(request));
  }

  purgeMs(request: PurgeRequest): Promise<void> {
    return this.#call((home) => home.purgeMs(request));
  }

  // A lost or refused connection to an osmo-hlr whose process is gone says so.
  async #call<T>(request: (home: GsupHomeNetwork) => Promise<T>): Promise<T> {
    try {
      return await request(await this.#home());
    } catch (error) {
      if (error instanceof RejectError) throw error;
      const death = this.#death();
      if (death) throw new OsmoHlrDiedError(this.#homeId, death, { cause: error });
      throw error;
    }
  }

  /** Closes the GSUP connection; no reconnects after this. */
  async close(): Promise<void> {
    this.#closed = true;
    const connection = await this.#connection?.catch(() => undefined);
    await connection?.client.close();
  }

  async #home(): Promise<GsupHomeNetwork> {
    if (this.#closed) throw new Error('[roam] Failed to reach osmo-hlr: the world is closed.');
    const pending = this.#connection;
    if (pending) {
      const current = await pending.catch(() => undefined);
      if (current?.client.isOpen) return current.home;
      // Another request is reconnecting already: share its connection.
      if (this.#connection !== pending) return this.#home();
    }
    this.#connection = GsupClient.connect({ host: this.#host, port: this.#port, hasher: this.#hasher }).then((client) => ({
      client,
      home: new GsupHomeNetwork(client),
    }));
    return (await this.#connection).home;
  }
}

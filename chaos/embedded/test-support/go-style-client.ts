/**
 * A small Toxiproxy client that sends what Toxiproxy's own Go client sends
 * (the same bodies, `User-Agent: toxiproxy-cli`) and reports failures the
 * way its tests read them (`Create: HTTP 400: missing required field:
 * name`), so the port of Toxiproxy's API tests can check the same things
 * over plain HTTP. Also the tests' probe of whether a proxy listens.
 *
 * @module
 */
import { connect, createServer } from 'node:net';
import { splitHostPort } from '../proxy/host-port.js';

export { freePort } from '../../test-support/free-port.js';

/** A proxy as the API shows it. */
export interface ProxyView {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
  toxics: ToxicView[];
}

/** A toxic as the API shows it. */
export interface ToxicView {
  name: string;
  type: string;
  stream: string;
  toxicity: number;
  attributes: Record<string, number>;
}

/** A failed call, worded as the Go client's errors: `<Operation>: HTTP <status>: <error>`. */
export class ApiCallError extends Error {
  readonly status: number;

  constructor(operation: string, status: number, error: string) {
    super(`${operation}: HTTP ${status}: ${error}`);
    this.status = status;
  }
}

/** A proxy handle: its fields, and what the Go client's `Proxy` can do. */
export class ProxyHandle {
  name = '';
  listen = '';
  upstream = '';
  enabled = false;
  toxics: ToxicView[] | null = null;
  #created = false;

  constructor(readonly client: GoStyleClient) {}

  /** Creates the proxy (POST /proxies) or, once created, updates it (POST /proxies/{name}). */
  async save(operation = 'Save'): Promise<void> {
    const body = { name: this.name, listen: this.listen, upstream: this.upstream, enabled: this.enabled, toxics: this.toxics };
    const path = this.#created ? `/proxies/${this.name}` : '/proxies';
    Object.assign(this, await this.client.send<ProxyView>(operation, 'POST', path, body));
    this.#created = true;
  }

  /** DELETE /proxies/{name}. */
  async delete(): Promise<void> {
    await this.client.send('Delete', 'DELETE', `/proxies/${this.name}`);
  }

  /** GET /proxies/{name}/toxics. */
  listToxics(): Promise<ToxicView[]> {
    return this.client.send('Toxics', 'GET', `/proxies/${this.name}/toxics`);
  }

  /** POST /proxies/{name}/toxics; an empty stream is left out, and toxicity -1 means 1, as the Go client does. */
  addToxic(name: string, type: string, stream: string, toxicity: number, attributes: Record<string, number> | null): Promise<ToxicView> {
    const body = { name, type, ...(stream === '' ? {} : { stream }), toxicity: toxicity === -1 ? 1 : toxicity, attributes };
    return this.client.send('AddToxic', 'POST', `/proxies/${this.name}/toxics`, body);
  }

  /** PATCH /proxies/{name}/toxics/{toxic}; toxicity -1 keeps the current one. */
  updateToxic(name: string, toxicity: number, attributes: Record<string, number>): Promise<ToxicView> {
    const body = { attributes, ...(toxicity === -1 ? {} : { toxicity }) };
    return this.client.send('UpdateToxic', 'PATCH', `/proxies/${this.name}/toxics/${name}`, body);
  }

  /** DELETE /proxies/{name}/toxics/{toxic}. */
  async removeToxic(name: string): Promise<void> {
    await this.client.send('RemoveToxic', 'DELETE', `/proxies/${this.name}/toxics/${name}`);
  }

  /** Marks a handle built from an API answer as existing on the server. */
  markCreated(): this {
    this.#created = true;
    return this;
  }
}

/** The client. */
export class GoStyleClient {
  constructor(readonly url: string) {}

  /** GET /proxies. */
  proxies(): Promise<Record<string, ProxyView>> {
    return this.send('Proxies', 'GET', '/proxies');
  }

  /** GET /proxies/{name}, as a handle that can be saved back. */
  async proxy(name: string): Promise<ProxyHandle> {
    return Object.assign(new ProxyHandle(this), await this.send<ProxyView>('Proxy', 'GET', `/proxies/${name}`)).markCreated();
  }

  /** A new handle, not yet on the server (`enabled` false until set). */
  newProxy(fields: Partial<Pick<ProxyHandle, 'name' | 'listen' | 'upstream' | 'enabled'>> = {}): ProxyHandle {
    return Object.assign(new ProxyHandle(this), fields);
  }

  /** Creates an enabled proxy. */
  async createProxy(name: string, listen: string, upstream: string): Promise<ProxyHandle> {
    const proxy = this.newProxy({ name, listen, upstream, enabled: true });
    await proxy.save('Create');
    return proxy;
  }

  /** POST /populate with the proxies as the Go client marshals them. */
  async populate(config: readonly Pick<ProxyView, 'name' | 'listen' | 'upstream' | 'enabled'>[]): Promise<ProxyHandle[]> {
    const body = config.map((p) => ({ ...p, toxics: null }));
    const answer = await this.send<{ proxies: ProxyView[] | null }>('Populate', 'POST', '/populate', body);
    return (answer.proxies ?? []).map((p) => Object.assign(new ProxyHandle(this), p).markCreated());
  }

  /** POST /reset. */
  async resetState(): Promise<void> {
    await this.send('ResetState', 'POST', '/reset', '');
  }

  /** One call; a status outside 2xx becomes an {@link ApiCallError} with the body's `error`. */
  async send<T>(operation: string, method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(this.url + path, {
      method,
      headers: { 'user-agent': 'toxiproxy-cli', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status < 200 || response.status >= 300) {
      const { error, status } = JSON.parse(text) as { error: string; status: number };
      throw new ApiCallError(operation, status, error);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}

/** The first toxic called `name` in `toxics`, if any (Toxiproxy's tests look toxics up by name). */
export function toxicNamed(toxics: readonly ToxicView[] | null, name: string): ToxicView | undefined {
  return toxics?.find((toxic) => toxic.name === name);
}

/** Whether a TCP connection to `address` (`host:port`) is accepted: the Go tests' probe of a proxy. */
export function isListening(address: string): Promise<boolean> {
  const { host, port } = splitHostPort(address);
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * The shape of an API handler: it gets the path variables and the body on
 * demand, and either returns a reply or throws an {@link ApiError}.
 *
 * @module
 */
import type { ProxyCollection } from '../proxy/proxy-collection.js';
import type { Reply } from './responses.js';

/** What a handler knows about its request. */
export interface ApiRequest {
  /** `{proxy}` and `{toxic}` from the path, decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** The whole request body. */
  body(): Promise<Buffer>;
}

/** A handler of one route. */
export type Handler = (request: ApiRequest, proxies: ProxyCollection) => Promise<Reply>;

/** A path variable the route guarantees. */
export function param(request: ApiRequest, name: 'proxy' | 'toxic'): string {
  return request.params[name] ?? '';
}

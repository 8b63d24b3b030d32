/**
 * The route table of Toxiproxy's API and the rules of the router it uses
 * (gorilla/mux): exact paths, `{var}` matching one path segment, a 405 for
 * a known path with the wrong method, a 404 for anything else (trailing
 * slashes included), and a 301 to the cleaned path for `//x` or `/a/../b`.
 *
 * @module
 */
import { posix } from 'node:path';

/** The handlers of the API, named as in Toxiproxy's `api.go`. */
export type RouteName =
  | 'ResetState'
  | 'ProxyIndex'
  | 'ProxyCreate'
  | 'Populate'
  | 'ProxyShow'
  | 'ProxyUpdate'
  | 'ProxyDelete'
  | 'ToxicIndex'
  | 'ToxicCreate'
  | 'ToxicShow'
  | 'ToxicUpdate'
  | 'ToxicDelete'
  | 'Version';

/** What the router decided for a request. */
export type RouteMatch =
  | { readonly kind: 'route'; readonly name: RouteName; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'method-not-allowed' };

interface Route {
  readonly name: RouteName;
  readonly methods: readonly string[];
  readonly pattern: RegExp;
}

const ROUTES: readonly Route[] = [
  route('POST', '/reset', 'ResetState'),
  route('GET', '/proxies', 'ProxyIndex'),
  route('POST', '/proxies', 'ProxyCreate'),
  route('POST', '/populate', 'Populate'),
  route('GET', '/proxies/{proxy}', 'ProxyShow'),
  route('POST PATCH', '/proxies/{proxy}', 'ProxyUpdate'),
  route('DELETE', '/proxies/{proxy}', 'ProxyDelete'),
  route('GET', '/proxies/{proxy}/toxics', 'ToxicIndex'),
  route('POST', '/proxies/{proxy}/toxics', 'ToxicCreate'),
  route('GET', '/proxies/{proxy}/toxics/{toxic}', 'ToxicShow'),
  route('POST PATCH', '/proxies/{proxy}/toxics/{toxic}', 'ToxicUpdate'),
  route('DELETE', '/proxies/{proxy}/toxics/{toxic}', 'ToxicDelete'),
  route('GET', '/version', 'Version'),
];

function route(methods: string, template: string, name: RouteName): Route {
  const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, '(?<$1>[^/]+)');
  return { name, methods: methods.split(' '), pattern: new RegExp(`^${source}$`) };
}

/**
 * Finds the route for a request; `path` is the decoded URL path.
 *
 * @example
 * ```ts
 * matchRoute('PUT', '/proxies') // { kind: 'method-not-allowed' }
 * ```
 */
export function matchRoute(method: string, path: string): RouteMatch {
  let wrongMethod = false;
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(path);
    if (match === null) continue;
    if (candidate.methods.includes(method)) return { kind: 'route', name: candidate.name, params: { ...match.groups } };
    wrongMethod = true;
  }
  return wrongMethod ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
}

/**
 * gorilla/mux's `cleanPath`: Go's `path.Clean`, keeping a trailing slash.
 *
 * @example
 * ```ts
 * cleanPath('//proxies') // '/proxies'
 * cleanPath('/proxies/') // '/proxies/'
 * ```
 */
export function cleanPath(path: string): string {
  if (path === '') return '/';
  const rooted = path.startsWith('/') ? path : `/${path}`;
  let clean = posix.normalize(rooted);
  if (clean.length > 1 && clean.endsWith('/')) clean = clean.slice(0, -1);
  if (rooted.endsWith('/') && clean !== '/') clean += '/';
  return clean;
}

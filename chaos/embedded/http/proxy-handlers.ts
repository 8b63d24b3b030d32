/**
 * The `/proxies` and `/proxies/{proxy}` endpoints.
 *
 * @module
 */
import { ApiError } from '../api-error.js';
import { readProxyInput } from '../proxy/proxy-input.js';
import { param, type Handler } from './api-handler.js';
import { proxyIndexJson, proxyJson } from './json-views.js';
import { emptyReply, jsonReply } from './responses.js';

/** `GET /proxies`: every proxy by name, `{}` when there are none. */
export const proxyIndex: Handler = async (_request, proxies) => jsonReply(200, proxyIndexJson(proxies.sorted()));

/** `POST /proxies`: 201 with the proxy, whose `listen` is the address actually bound. */
export const proxyCreate: Handler = async (request, proxies) => {
  const input = readProxyInput(await request.body(), { name: '', listen: '', upstream: '', enabled: true });
  if (input.name === '') throw ApiError.missingField('name');
  if (input.upstream === '') throw ApiError.missingField('upstream');
  proxies.checkInput(input);
  await proxies.checkUpstream(input.upstream);
  const proxy = proxies.create(input.name, input.listen, input.upstream);
  await proxies.add(proxy, input.enabled);
  return jsonReply(201, proxyJson(proxy));
};

/** `GET /proxies/{proxy}`. */
export const proxyShow: Handler = async (request, proxies) => jsonReply(200, proxyJson(proxies.get(param(request, 'proxy'))));

/** `POST` or `PATCH /proxies/{proxy}`: omitted fields keep their values. */
export const proxyUpdate: Handler = async (request, proxies) => {
  const proxy = proxies.get(param(request, 'proxy'));
  const input = readProxyInput(await request.body(), {
    name: '',
    listen: proxy.listen,
    upstream: proxy.upstream,
    enabled: proxy.enabled,
  });
  // Go ignores a name in an update body, and so do we.
  proxies.checkInput({ listen: input.listen, upstream: input.upstream });
  if (input.upstream !== proxy.upstream) await proxies.checkUpstream(input.upstream);
  await proxy.update(input);
  return jsonReply(200, proxyJson(proxy));
};

/** `DELETE /proxies/{proxy}`: 204, its connections closed. */
export const proxyDelete: Handler = async (request, proxies) => {
  await proxies.remove(param(request, 'proxy'));
  return emptyReply(204);
};

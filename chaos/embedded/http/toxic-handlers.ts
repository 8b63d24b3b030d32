/**
 * The `/proxies/{proxy}/toxics` endpoints. Note that creating a toxic
 * answers 200, not 201, as Toxiproxy does.
 *
 * @module
 */
import { ApiError } from '../api-error.js';
import { param, type Handler } from './api-handler.js';
import { toxicJson, toxicsJson } from './json-views.js';
import { emptyReply, jsonReply } from './responses.js';

/** `GET /proxies/{proxy}/toxics`: upstream toxics first, then downstream. */
export const toxicIndex: Handler = async (request, proxies) =>
  jsonReply(200, toxicsJson(proxies.get(param(request, 'proxy')).toxics.list()));

/** `POST /proxies/{proxy}/toxics`: 200 with the toxic; live connections get it too. */
export const toxicCreate: Handler = async (request, proxies) => {
  const proxy = proxies.get(param(request, 'proxy'));
  return jsonReply(200, toxicJson(await proxy.toxics.addJson(await request.body())));
};

/** `GET /proxies/{proxy}/toxics/{toxic}`. */
export const toxicShow: Handler = async (request, proxies) => {
  const toxic = proxies.get(param(request, 'proxy')).toxics.find(param(request, 'toxic'));
  if (toxic === undefined) throw ApiError.toxicNotFound();
  return jsonReply(200, toxicJson(toxic));
};

/** `POST` or `PATCH /proxies/{proxy}/toxics/{toxic}`: attributes merged, toxicity kept if omitted. */
export const toxicUpdate: Handler = async (request, proxies) => {
  const proxy = proxies.get(param(request, 'proxy'));
  const toxics = proxy.toxics;
  // Go looks the toxic up before it reads the body.
  if (toxics.find(param(request, 'toxic')) === undefined) throw ApiError.toxicNotFound();
  return jsonReply(200, toxicJson(await toxics.updateJson(param(request, 'toxic'), await request.body())));
};

/** `DELETE /proxies/{proxy}/toxics/{toxic}`: 204. */
export const toxicDelete: Handler = async (request, proxies) => {
  await proxies.get(param(request, 'proxy')).toxics.remove(param(request, 'toxic'));
  return emptyReply(204);
};

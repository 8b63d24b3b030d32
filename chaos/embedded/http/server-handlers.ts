/**
 * The server-wide endpoints: `/version`, `/reset` and `/populate`.
 *
 * @module
 */
import { ApiError } from '../api-error.js';
import { goJsonString } from '../go-json/encode.js';
import type { PopulateOutcome } from '../proxy/proxy-collection.js';
import { EMBEDDED_TOXIPROXY_VERSION } from '../version.js';
import type { Handler } from './api-handler.js';
import { proxyListJson } from './json-views.js';
import { emptyReply, jsonReply, type Reply } from './responses.js';

/** `GET /version`: Toxiproxy formats this one by hand, hence the space and the newline. */
export const version: Handler = async (): Promise<Reply> => ({
  status: 200,
  body: `{"version": "${EMBEDDED_TOXIPROXY_VERSION}"}\n`,
  contentType: 'application/json;charset=utf-8',
});

/** `POST /reset`: every proxy enabled again and stripped of its toxics; 204. */
export const resetState: Handler = async (_request, proxies) => {
  for (const proxy of proxies.sorted()) {
    await proxy.start();
    await proxy.toxics.reset();
  }
  return emptyReply(204);
};

/**
 * `POST /populate`: 201 with `{"proxies":[...]}`. Unlike every other
 * endpoint its errors are JSON (`Content-Type: application/json`, no
 * newline) and list the proxies already created.
 */
export const populate: Handler = async (request, proxies) => {
  let outcome: PopulateOutcome;
  try {
    outcome = await proxies.populate(await request.body());
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    outcome = { proxies: [], error };
  }
  const list = proxyListJson(outcome.proxies);
  const { error } = outcome;
  if (error === undefined) return jsonReply(201, `{"proxies":${list}}`);
  return jsonReply(error.status, `{"error":${goJsonString(error.message)},"status":${error.status},"proxies":${list}}`);
};

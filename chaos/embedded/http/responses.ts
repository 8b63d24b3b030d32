/**
 * How the API answers, header for header: what Toxiproxy's handlers write,
 * what Go's `http.Error` writes (it forces `text/plain; charset=utf-8` and
 * `nosniff`, even over the JSON content type Toxiproxy sets before calling
 * it), and the bare answers of the router.
 *
 * @module
 */
import type { ServerResponse } from 'node:http';
import type { ApiError } from '../api-error.js';
import { goJsonString } from '../go-json/encode.js';

/** A complete answer, ready to send. */
export interface Reply {
  readonly status: number;
  /** Absent for answers without a body (204, 405, 301). */
  readonly body?: string;
  readonly contentType?: string;
  /** Go's `http.Error` adds `X-Content-Type-Options: nosniff`. */
  readonly nosniff?: boolean;
  readonly location?: string;
  /** For 401 answers (not Toxiproxy's). */
  readonly wwwAuthenticate?: string;
}

/** A JSON answer from a handler (`Content-Type: application/json`, no trailing newline). */
export function jsonReply(status: number, body: string): Reply {
  return { status, body, contentType: 'application/json' };
}

/** Go's `http.Error(w, text, status)`: the text plus a newline, as plain text. */
export function httpErrorReply(status: number, text: string): Reply {
  return { status, body: `${text}\n`, contentType: 'text/plain; charset=utf-8', nosniff: true };
}

/** Toxiproxy's `apiError`: `{"error":"...","status":N}` sent through `http.Error`. */
export function apiErrorReply(error: ApiError): Reply {
  return httpErrorReply(error.status, `{"error":${goJsonString(error.message)},"status":${error.status}}`);
}

/** An answer with status only. */
export function emptyReply(status: number): Reply {
  return { status };
}

/**
 * Writes `reply`, with the request id when the request reached a handler.
 * Headers are set in the order Go writes them (sorted by name).
 */
export function send(res: ServerResponse, reply: Reply, requestId?: string): void {
  const body = reply.body === undefined ? undefined : Buffer.from(reply.body);
  if (reply.status !== 204) res.setHeader('Content-Length', body?.length ?? 0);
  if (reply.contentType !== undefined) res.setHeader('Content-Type', reply.contentType);
  if (reply.location !== undefined) res.setHeader('Location', reply.location);
  if (reply.wwwAuthenticate !== undefined) res.setHeader('WWW-Authenticate', reply.wwwAuthenticate);
  if (reply.nosniff === true) res.setHeader('X-Content-Type-Options', 'nosniff');
  if (requestId !== undefined) res.setHeader('X-Toxiproxy-Request-Id', requestId);
  res.writeHead(reply.status);
  res.end(body);
}

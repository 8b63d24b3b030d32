import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoamingEvent } from '../../../simulator/roaming-events.js';
import type { IdentityHasher } from '../../../simulator/identity-hasher.js';
import type { PlmnId } from '../../../simulator/plmn.js';
import type { LabMetrics, ObservedAttach } from './lab-metrics.js';

const ATTACH = '/vlr/v1/attach';
const ANSWER = /^\/vlr\/v1\/attach\/([^/]+)\/response$/;
/** Attaches left half-way (a client that never answered the challenge) are forgotten after this. */
const PENDING_TTL_MS = 5 * 60_000;
const MAX_BODY_BYTES = 1 << 20;

interface PendingAttach {
  readonly startedAt: number;
  readonly subscriberId: string;
  readonly correlationId: string;
}

/**
 * A visited network's access point as the lab serves it: every request is
 * forwarded unchanged to the VLR through the chaos link `ue -> vlr:<plmn>`
 * (so faults on that link and behind it apply), and attaches are followed
 * from request to final answer for the metrics and the event log.
 */
export class MeteredAccess {
  readonly visited: PlmnId;
  /** `host:port` of the `ue -> vlr:<plmn>` proxy. */
  readonly upstream: string;
  readonly #metrics: LabMetrics;
  readonly #hasher: IdentityHasher;
  readonly #events: (event: RoamingEvent) => void;
  readonly #pending = new Map<string, PendingAttach>();

  constructor(options: {
    visited: PlmnId;
    upstream: string;
    metrics: LabMetrics;
    hasher: IdentityHasher;
    events: (event: RoamingEvent) => void;
  }) {
    this.visited = options.visited;
    this.upstream = options.upstream;
    this.#metrics = options.metrics;
    this.#hasher = options.hasher;
    this.#events = options.events;
    options.metrics.watch(options.visited);
  }

  /** Forwards one request (`path` without the `/access/<plmn>` prefix) and relays the answer. */
  async forward(request: IncomingMessage, path: string, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (body === 'too-large') {
      // As the elements answer it: a problem, and the connection closed after it.
      const detail = `[roam] Failed to forward the request to vlr:${this.visited}: its body is over 1 MiB (${MAX_BODY_BYTES} bytes). Send less.`;
      response.writeHead(413, { 'content-type': 'application/problem+json', connection: 'close' });
      response.end(JSON.stringify({ type: 'about:blank', title: 'Content Too Large', status: 413, detail }));
      return;
    }
    const attach = request.method === 'POST' ? this.#attachStep(path, body) : undefined;
    let status: number;
    let text: string;
    let contentType: string;
    try {
      const answer = await fetch(`http://${this.upstream}${path}`, {
        method: request.method ?? 'GET',
        headers: request.headers['content-type'] ? { 'content-type': request.headers['content-type'] } : {},
        ...(body.length && request.method !== 'GET' && request.method !== 'HEAD' ? { body: new Uint8Array(body) } : {}),
        signal: AbortSignal.timeout(30_000),
      });
      status = answer.status;
      text = await answer.text();
      contentType = answer.headers.get('content-type') ?? 'application/json';
    } catch (error) {
      status = 502;
      contentType = 'application/problem+json';
      const detail = `the lab could not reach vlr:${this.visited} through its chaos link (${(error as Error).cause ?? (error as Error).message})`;
      text = JSON.stringify({ type: 'about:blank', title: 'Bad Gateway', status, detail });
    }
    if (attach) this.#observe(attach, status, text);
    response.writeHead(status, { 'content-type': contentType });
    response.end(text);
  }

  #attachStep(path: string, body: Buffer): { kind: 'request'; imsi: string } | { kind: 'answer'; transactionId: string } | undefined {
    if (path === ATTACH) {
      const imsi = parseJson(body)?.['imsi'];
      this.#metrics.attempted(this.visited);
      return { kind: 'request', imsi: typeof imsi === 'string' ? imsi : 'unknown' };
    }
    const match = ANSWER.exec(path);
    return match ? { kind: 'answer', transactionId: decodeURIComponent(match[1]!) } : undefined;
  }

  #observe(step: { kind: 'request'; imsi: string } | { kind: 'answer'; transactionId: string }, status: number, text: string): void {
    const now = Date.now();
    for (const [id, p] of this.#pending) if (now - p.startedAt > PENDING_TTL_MS) this.#pending.delete(id);
    const reply = parseJson(Buffer.from(text));
    let pending: PendingAttach | undefined;
    if (step.kind === 'request') {
      const subscriberId = this.#hasher.subscriber(step.imsi);
      pending = { startedAt: now, subscriberId, correlationId: `lab-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}` };
    } else {
      pending = this.#pending.get(step.transactionId);
      this.#pending.delete(step.transactionId);
      if (!pending) return; // Not an attach this lab saw start.
    }
    if (status < 300 && reply?.['kind'] === 'challenge' && typeof reply['transactionId'] === 'string') {
      this.#pending.set(reply['transactionId'], pending);
      return;
    }
    const result: ObservedAttach['result'] = status < 300 && reply?.['kind'] === 'accept' ? 'success' : 'failure';
    const reason = result === 'success' ? undefined : failureReason(status, reply);
    const latencyMs = now - pending.startedAt;
    this.#metrics.ended({ visited: this.visited, result, latencySeconds: latencyMs / 1000, ...(reason ? { reason } : {}) });
    this.#events({
      event_type: 'attach',
      timestamp: new Date(now).toISOString(),
      subscriber_id: pending.subscriberId,
      visited_mcc_mnc: this.visited,
      latency_ms: latencyMs,
      result,
      failure_reason: reason ?? null,
      correlation_id: pending.correlationId,
      transition: null,
    });
  }
}

function failureReason(status: number, reply: Record<string, unknown> | undefined): string {
  if (typeof reply?.['cause'] === 'string') return reply['cause'];
  if (status === 502) return 'NETWORK_ERROR';
  return `HTTP_${status}`;
}

function parseJson(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// The whole body, or 'too-large' once it passes the limit: the rest is read and dropped, so the client gets the answer.
async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks);
}

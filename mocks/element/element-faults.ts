import { z } from 'zod';
import { endpoint } from '../http/endpoint.js';
import type { FetchHandler } from '../http/fetch-handler.js';
import { problem } from '../http/problem.js';
import { route, type Route } from '../http/element-router.js';
import { pathnameOf } from '../http/lite-message.js';

/** A fault an element shows on purpose, set through its admin API. */
export const ElementFaultSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('error'),
    /** The status to answer with, 400 to 599. */
    status: z.number().int().min(400).max(599),
    /** Only requests whose path starts with this; all when omitted. */
    path: z.string().startsWith('/').optional(),
    /** Only the next `count` matching requests; all until cleared when omitted. */
    count: z.number().int().min(1).max(1_000_000).optional(),
  }),
  z.strictObject({
    kind: z.literal('slow'),
    /** Added before answering, in ms. */
    delayMs: z.number().int().min(0).max(600_000),
    path: z.string().startsWith('/').optional(),
    count: z.number().int().min(1).max(1_000_000).optional(),
  }),
]);

/** A fault an element shows on purpose. */
export type ElementFault = z.output<typeof ElementFaultSchema>;

const ADMIN_OR_HEALTH = /^\/(admin\/v1\/faults|healthz|readyz)(\/|$)/;

/**
 * Element-level faults — answer with a given error, or answer slowly — set
 * and cleared through the element's admin API (`/admin/v1/faults`). Health
 * and the fault API itself are never affected, so a test can always clear
 * what it set.
 */
export class ElementFaults {
  #fault: ElementFault | undefined;
  #remaining = Infinity;

  /** The fault in effect, if any. */
  get current(): ElementFault | undefined {
    return this.#fault;
  }

  set(fault: ElementFault): void {
    this.#fault = ElementFaultSchema.parse(fault);
    this.#remaining = fault.count ?? Infinity;
  }

  clear(): void {
    this.#fault = undefined;
  }

  /** Puts the faults in front of `handler`. */
  wrap(handler: FetchHandler): FetchHandler {
    return async (request) => {
      const fault = this.#fault;
      const path = pathnameOf(request);
      if (!fault || ADMIN_OR_HEALTH.test(path) || (fault.path && !path.startsWith(fault.path))) return handler(request);
      if (--this.#remaining <= 0) this.#fault = undefined;
      if (fault.kind === 'error') {
        return problem(fault.status, 'Injected fault', `The element was told to answer ${fault.status} (admin API /admin/v1/faults).`);
      }
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      return handler(request);
    };
  }

  /** The admin routes: GET / PUT / DELETE `/admin/v1/faults`. */
  routes(): Route[] {
    return [
      route(elementFaultContract.get, () => ({ fault: this.#fault ?? null })),
      route(elementFaultContract.set, ({ body }) => {
        this.set(body);
        return { fault: body };
      }),
      route(elementFaultContract.clear, () => {
        this.clear();
        return { fault: null };
      }),
    ];
  }
}

const FaultReply = z.strictObject({ fault: ElementFaultSchema.nullable() });

/** The admin contract for element faults, shared by every element. */
export const elementFaultContract = {
  get: endpoint({ name: 'element.getFault', method: 'GET', path: '/admin/v1/faults', request: z.undefined(), response: FaultReply }),
  set: endpoint({ name: 'element.setFault', method: 'PUT', path: '/admin/v1/faults', request: ElementFaultSchema, response: FaultReply }),
  clear: endpoint({ name: 'element.clearFault', method: 'DELETE', path: '/admin/v1/faults', request: z.undefined(), response: FaultReply }),
} as const;

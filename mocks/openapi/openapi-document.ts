import { z } from 'zod';
import type { Endpoint } from '../http/endpoint.js';
import { aboutEndpoint, CONTRACT_VERSIONS, contractNameOf, type ContractRole } from '../http/element-info.js';
import { HealthSchema } from '../http/schemas.js';
import { hlrContract } from '../hlr/contract.js';
import { vlrContract } from '../vlr/contract.js';
import { billingContract } from '../billing/contract.js';
import { isNoBody, jsonSchemaOf, type JsonSchema } from './json-schema-of.js';
import { PROBLEM_SCHEMA } from './problem-schema.js';

/** Each role's endpoints, in the order the document lists them. */
export const ROLE_CONTRACTS: Readonly<Record<ContractRole, Readonly<Record<string, Endpoint>>>> = {
  hlr: hlrContract,
  vlr: vlrContract,
  billing: billingContract,
};

const TITLES: Readonly<Record<ContractRole, string>> = {
  hlr: 'HLR/HSS',
  vlr: 'VLR/MME',
  billing: 'billing system (OCS + CDR collector)',
};

const DESCRIPTIONS: Readonly<Record<ContractRole, string>> = {
  hlr: 'What a VLR/MME asks of the home HLR/HSS (SendAuthInfo, UpdateLocation, PurgeMS), and the admin API subscribers are provisioned through. Implement it to put your own HLR/HSS in a roaming world (hlr: "http://…") or to certify it (roam certify --role hlr).',
  vlr: 'The VLR/MME as phones reach it (attach, authentication, location update, calls, data, SMS, detach), as the home HLR reaches it (CancelLocation) and as another VLR hands a call over. Implement it to put your own VLR/MME in a roaming world (vlr: "http://…") or to certify it (roam certify --role vlr).',
  billing:
    'The charging intake a VLR sends charging events to (once per idempotency key) and the CDRs reconciliation reads. Implement it to put your own OCS/billing in a roaming world (billing: "http://…") or to certify it (roam certify --role billing).',
};

/** Paths whose callers may have to present a bearer token. */
const GUARDED = (path: string, role: ContractRole) =>
  path.startsWith('/admin/') || (role === 'billing' && path === '/billing/v1/charging-events');

/**
 * The OpenAPI 3.1 document of one role's HTTP contract, generated from the
 * zod schemas the built-in elements, their clients and the MSW handlers use,
 * so the document cannot say something the elements do not do. Every path
 * answers errors as RFC 9457 problems; `/healthz` and `/readyz` are part of
 * every contract, `/about` is optional.
 *
 * @example
 * ```ts
 * writeFileSync('roam-hlr.openapi.json', JSON.stringify(openApiDocument('hlr'), null, 2));
 * ```
 */
export function openApiDocument(role: ContractRole): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of [...Object.values(ROLE_CONTRACTS[role]), aboutEndpoint]) {
    const path = endpoint.path.replace(/:([A-Za-z]+)/g, '{$1}');
    (paths[path] ??= {})[endpoint.method.toLowerCase()] = operationOf(endpoint, role);
  }
  for (const probe of ['/healthz', '/readyz'] as const) paths[probe] = { get: healthOperation(probe) };
  return {
    openapi: '3.1.0',
    info: {
      title: `roaming-harness ${TITLES[role]} contract`,
      version: CONTRACT_VERSIONS[role],
      summary: `${contractNameOf(role)} ${CONTRACT_VERSIONS[role]}`,
      description: DESCRIPTIONS[role],
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: 'http://127.0.0.1:{port}', variables: { port: { default: '8080' } } }],
    tags: [{ name: role }, { name: 'element' }],
    paths,
    components: {
      schemas: { Problem: PROBLEM_SCHEMA, Health: jsonSchemaOf(HealthSchema) },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'Required where the element was configured with a token (admin API: ROAM_ADMIN_TOKEN; charging intake: the world credential or a token).',
        },
      },
    },
  };
}

function operationOf(endpoint: Endpoint, role: ContractRole): Record<string, unknown> {
  const success = String(endpoint.successStatus ?? 200);
  const problem = (description: string) => ({
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });
  const isAbout = endpoint === (aboutEndpoint as Endpoint);
  return {
    operationId: endpoint.name,
    tags: [isAbout ? 'element' : role],
    ...(isAbout
      ? {
          description:
            'Optional: which implementation and version this is, and which contract it speaks. Answer 404 if you do not expose it.',
        }
      : {}),
    ...(endpoint.params ? { parameters: parametersOf(endpoint.params) } : {}),
    ...(isNoBody(endpoint.request)
      ? {}
      : { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(endpoint.request) } } } }),
    ...(GUARDED(endpoint.path, role) ? { security: [{}, { bearer: [] }] } : {}),
    responses: {
      [success]: { description: 'Done', content: { 'application/json': { schema: jsonSchemaOf(endpoint.response) } } },
      ...(isNoBody(endpoint.request) && !endpoint.params
        ? {}
        : { '400': problem('The request does not follow the contract; `errors` names each field') }),
      ...(GUARDED(endpoint.path, role) ? { '401': problem('No credential, or one the element does not take') } : {}),
      ...(isAbout ? { '404': problem('This implementation does not say') } : {}),
      default: problem('Refused (403 with a reject cause), unknown (404), in the wrong state (409), or failed (5xx)'),
    },
  };
}

function parametersOf(params: z.ZodType): unknown[] {
  const schema = jsonSchemaOf(params) as { properties?: Record<string, JsonSchema> };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({ name, in: 'path', required: true, schema: s }));
}

function healthOperation(probe: '/healthz' | '/readyz'): Record<string, unknown> {
  const health = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } };
  return {
    operationId: probe === '/healthz' ? 'element.health' : 'element.ready',
    tags: ['element'],
    description: probe === '/healthz' ? 'The process answers.' : 'The element takes traffic; a world waits for 200 here before it starts.',
    responses: {
      '200': { description: 'Up', ...health },
      ...(probe === '/readyz' ? { '503': { description: 'Starting', ...health } } : {}),
    },
  };
}

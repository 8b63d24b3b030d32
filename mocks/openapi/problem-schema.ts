import { REJECT_CAUSES } from '../../simulator/causes.js';
import type { JsonSchema } from './json-schema-of.js';

/** RFC 9457 problem details with this project's extensions: how every element answers an error. */
export const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  description:
    'RFC 9457 problem details. A refusal of a procedure (a reject) has type https://roaming-harness.dev/problems/reject, status 403 and the reject cause in `cause` (e.g. IMSI_UNKNOWN, ROAMING_NOT_ALLOWED).',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 100, maximum: 599 },
    detail: { type: 'string' },
    cause: {
      type: 'string',
      description: `For rejects: the cause, with its TS 24.008 value: ${Object.entries(REJECT_CAUSES)
        .map(([name, value]) => `${name} (${value})`)
        .join(', ')}.`,
      enum: Object.keys(REJECT_CAUSES),
    },
    code: { type: 'string', description: 'A stable error code, e.g. ROAM_UNKNOWN_CALL, so a client can tell errors apart.' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } }, required: ['path', 'message'] },
    },
  },
  required: ['type', 'title', 'status', 'detail'],
};

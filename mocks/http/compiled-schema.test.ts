import { test, expect } from '@playwright/test';
import { z } from 'zod';
import { billingContract } from '../billing/contract.js';
import { hlrContract } from '../hlr/contract.js';
import { vlrContract } from '../vlr/contract.js';
import { compiledSchema } from './compiled-schema.js';

test('every schema of the elements’ contracts compiles, so no exchange parses on the slow path', () => {
  const notCompiled: string[] = [];
  for (const contract of [hlrContract, vlrContract, billingContract])
    for (const endpoint of Object.values(contract))
      for (const side of ['request', 'response', 'params'] as const) {
        const schema = endpoint[side as keyof typeof endpoint] as z.ZodType | undefined;
        if (schema && compiledSchema(schema) === schema) notCompiled.push(`${endpoint.name} ${side}`);
      }
  expect(notCompiled).toEqual([]);
});

test('a compiled schema answers as its schema does: defaults filled in, the same issues for a bad body', () => {
  const schema = hlrContract.sendAuthInfo.request;
  const fast = compiledSchema(schema);
  expect(fast).toBe(compiledSchema(schema));
  expect(fast.parse({ imsi: '262011234567890' })).toEqual({ imsi: '262011234567890', count: 1 });
  expect(fast.parse({ imsi: '262011234567890' })).toEqual(schema.parse({ imsi: '262011234567890' }));

  const bad = { imsi: '26201x', count: 9, visited: '208-01' };
  const slow = schema.safeParse(bad);
  const compiled = fast.safeParse(bad);
  expect(compiled.success).toBe(false);
  expect(compiled.error?.issues).toEqual(slow.error?.issues);
  expect(compiled.error?.issues.map((i) => i.message)).toContain('expected an IMSI: 6 to 15 decimal digits');
});

test('a schema zod cannot compile is used as it is', async () => {
  const schema = z.strictObject({ imsi: z.string() }).refine(async (body) => body.imsi.length > 0);
  expect(compiledSchema(schema)).toBe(schema);
  await expect(compiledSchema(schema).parseAsync({ imsi: '262011234567890' })).resolves.toEqual({ imsi: '262011234567890' });
});

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Drill, Scenario } from './schema.js';

/** Where the generated JSON Schema lives, next to this file's source. */
export const SPEC_JSON_SCHEMA_FILE = 'roam-spec.schema.json';

/**
 * The JSON Schema of a spec document (a scenario or a drill), generated
 * from the zod schema, for editors: put
 * `# yaml-language-server: $schema=<path>/roam-spec.schema.json` at the top
 * of a `.roam.yaml` file. Describes specs as written (input types).
 */
export function specJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(z.union([Scenario, Drill]), { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://roaming-harness.dev/schemas/roam-spec.schema.json',
    title: 'roaming-harness spec (scenario or drill)',
    description: 'A .roam.yaml document: a roaming scenario (steps run in order) or a chaos drill (hypothesis, method, rollbacks).',
  };
}

// `npx tsx specs/json-schema.ts` regenerates specs/roam-spec.schema.json (formatted as the repo's prettier does).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void writeSpecJsonSchema();

async function writeSpecJsonSchema(): Promise<void> {
  const out = join(dirname(fileURLToPath(import.meta.url)), SPEC_JSON_SCHEMA_FILE);
  const text = JSON.stringify(specJsonSchema(), null, 2);
  const prettier = await import('prettier').catch(() => undefined);
  writeFileSync(
    out,
    prettier ? await prettier.format(text, { ...(await prettier.resolveConfig(out)), parser: 'json', filepath: out }) : `${text}\n`,
  );
  console.log(`[roam] wrote ${out}`);
}

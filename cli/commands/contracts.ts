import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openApiDocument } from '../../mocks/openapi/openapi-document.js';
import { contractNameOf, type ContractRole } from '../../mocks/http/element-info.js';
import { onlySubcommand, parseCommandArgs, UsageError, type CliCommand } from '../command.js';

const ROLES: readonly ContractRole[] = ['hlr', 'vlr', 'billing'];

const USAGE = `roam contracts export: the HTTP contract of every element as an OpenAPI 3.1 document

Usage:
  roam contracts export [--output <dir>] [--role hlr|vlr|billing]

  --output <dir>   where roam-<role>.openapi.json go (default: the current folder)
  --role <role>    only this role's document

The documents are generated from the same zod schemas the built-in elements
validate with; the package ships them in openapi/. Implement one to put your
own element in a world's slot (e.g. hlr: "http://host:port") or to certify it
with "roam certify". See docs/implementing-an-element.md.
`;

/** `roam contracts export`. */
export const contractsCommand: CliCommand = {
  name: 'contracts',
  usage: USAGE,
  async run(args) {
    const rest = onlySubcommand('contracts', 'export', args, USAGE);
    if (!rest) return 0;
    const { values } = parseCommandArgs('contracts export', rest, { output: { type: 'string' }, role: { type: 'string' } });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const role = values.role as ContractRole | undefined;
    if (role !== undefined && !ROLES.includes(role)) {
      throw new UsageError('contracts export', `--role is ${JSON.stringify(role)}, not one of ${ROLES.join(', ')}`);
    }
    const dir = resolve(values.output ?? '.');
    mkdirSync(dir, { recursive: true });
    for (const each of role ? [role] : ROLES) {
      const file = join(dir, `${contractNameOf(each)}.openapi.json`);
      const document = openApiDocument(each);
      writeFileSync(file, JSON.stringify(document, null, 2) + '\n');
      process.stdout.write(`[roam] ${file} (OpenAPI 3.1, ${contractNameOf(each)} ${(document['info'] as { version: string }).version})\n`);
    }
    return 0;
  },
};

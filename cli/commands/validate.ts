import { globSync } from 'tinyglobby';
import { formatSpecProblems, validateSpecFiles } from '../../specs/validate-files.js';
import { CliError, parseCommandArgs, UsageError, type CliCommand } from '../command.js';
import { terminalWidth, wrapText } from '../../core/text-wrap.js';

const USAGE = `roam validate: check YAML spec files without running anything

Usage:
  roam validate <file or glob>... [--quiet]

  <file or glob>   spec files, e.g. specs/**/*.roam.yaml (quote globs so the shell leaves them)
  --quiet          print nothing when every file is valid

Exit code 0 when every file is valid, 2 when any is invalid (or a file or
glob given matches nothing). Every problem is printed as file:line:col
with the path in the spec and what to write instead, wrapped to the
terminal's width ($COLUMNS when not a terminal; no wrapping when piped
without it).
`;

/** `roam validate <files>`: the spec checks of `specs()`, without Playwright. */
export const validateCommand: CliCommand = {
  name: 'validate',
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseCommandArgs('validate', args, { quiet: { type: 'boolean' } }, { allowPositionals: true });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('validate', 'no spec files given; e.g. roam validate "specs/**/*.roam.yaml"');
    // Each one on its own: a misspelt file beside a glob that matches must not pass as "valid" unchecked.
    const unmatched = positionals.filter((pattern) => globSync([pattern], { cwd: process.cwd() }).length === 0);
    if (unmatched.length) {
      throw new CliError(
        'validate',
        `${unmatched.map((p) => JSON.stringify(p)).join(', ')} ${unmatched.length === 1 ? 'matches' : 'match'} no file in ${process.cwd()}`,
        'Give the path of a spec file, or a glob in quotes that matches some (e.g. "specs/**/*.roam.yaml")',
        2,
      );
    }
    const result = await validateSpecFiles(positionals, process.cwd());
    if (result.problems.length) {
      process.stderr.write(`${formatSpecProblems(result.problems, { width: terminalWidth(process.stderr) })}\n`);
      return 2;
    }
    if (!values.quiet) process.stdout.write(`${wrapText(`[roam] ${describeValid(result)}`, terminalWidth(process.stdout)).join('\n')}\n`);
    return 0;
  },
};

function describeValid(result: { files: readonly string[] }): string {
  const n = result.files.length;
  return `Valid: ${n} spec file${n === 1 ? '' : 's'} (${result.files.join(', ')}).`;
}

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { RoamError } from '../core/errors.js';
import { didYouMean } from '../core/did-you-mean.js';

/** One `roam` subcommand: its name, its usage text and what it does. */
export interface CliCommand {
  /** e.g. `lab`, as typed after `roam`. */
  readonly name: string;
  /** Printed by `roam <name> --help`. */
  readonly usage: string;
  /** Runs the command; resolves with the exit code. Throw {@link CliError} for a one-line failure. */
  run(args: string[]): Promise<number>;
}

/**
 * A failure the CLI prints as one line on stderr, exiting with `exitCode`
 * (2 for bad input, 1 for a failure while running).
 *
 * @example
 * ```ts
 * throw new CliError(`load lab config ${file}`, 'it is not valid YAML', 'Fix the file', 2);
 * ```
 */
export class CliError extends RoamError {
  readonly exitCode: 1 | 2;

  constructor(failedTo: string, reason: string, hint: string, exitCode: 1 | 2 = 1, options: { cause?: unknown } = {}) {
    super(exitCode === 2 ? 'ROAM_CLI_BAD_INPUT' : 'ROAM_CLI_FAILED', failedTo, reason, { hint, cause: options.cause });
    this.exitCode = exitCode;
  }
}

/** Bad input on the command line: exit code 2 and a pointer to `--help`. */
export class UsageError extends CliError {
  constructor(command: string, problem: string) {
    super(`run roam ${command}`, problem, `Run "roam ${command} --help" for the options`, 2);
  }
}

/** What went wrong with a file, in words: `no such file` rather than `ENOENT`. */
const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
};

/**
 * The reason a file could not be read or written, in words a user acts on.
 *
 * @example
 * ```ts
 * try { readFileSync(file) } catch (error) { throw new CliError(`read ${file}`, fileProblem(error), 'Check the path', 2) }
 * ```
 */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && FILE_PROBLEMS[code]) return FILE_PROBLEMS[code];
  return code ?? (error instanceof Error ? error.message : String(error));
}

const badInput = new WeakSet<object>();

/**
 * Marks an error raised while checking what the user gave (a drill, a spec)
 * as bad input: the CLI prints it as it is and exits with 2, not 1.
 *
 * @example
 * ```ts
 * try { checkDrill(drill) } catch (error) { throw asBadInput(error) }
 * ```
 */
export function asBadInput(error: unknown): unknown {
  if (typeof error === 'object' && error !== null) badInput.add(error);
  return error;
}

/** The exit code for an error: 2 for bad input (a {@link UsageError}, anything {@link asBadInput} marked), 1 otherwise. */
export function exitCodeOf(error: unknown): 1 | 2 {
  if (error instanceof CliError) return error.exitCode;
  if (typeof error === 'object' && error !== null && badInput.has(error)) return 2;
  return String((error as { code?: unknown })?.code ?? '').startsWith('ERR_PARSE_ARGS') ? 2 : 1;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The values of parsed flags: strings, booleans, or arrays for `multiple` flags. */
export type FlagValues<O extends Options> = {
  -readonly [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : O[K] extends { multiple: true } ? string[] : string;
} & { help?: boolean };

/**
 * `util.parseArgs` with `--help`/`-h` added, that throws {@link UsageError}
 * naming the command instead of Node's own error.
 */
export function parseCommandArgs<O extends Options>(
  command: string,
  args: string[],
  options: O,
  config: { allowPositionals?: boolean } = {},
): { values: FlagValues<O>; positionals: string[] } {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } } as O & { help: { type: 'boolean'; short: 'h' } },
      allowPositionals: config.allowPositionals ?? false,
      strict: true,
    }) as { values: FlagValues<O>; positionals: string[] };
  } catch (error) {
    const problem = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    // A value that starts with a dash (--count -5) reads as another flag: say so in one line, with the way to write it.
    const ambiguous = /^Option '(-[^']*)' argument is ambiguous/.exec(problem)?.[1];
    if (ambiguous) {
      const long = /use '(--[^=']+)=-XYZ'/.exec(problem)?.[1] ?? ambiguous;
      const value = args[args.indexOf(ambiguous) + 1] ?? '-…';
      throw new UsageError(
        command,
        `${ambiguous} is followed by ${JSON.stringify(value)}, which reads as a flag; to give a value that starts with "-", write ${long}=${value}`,
      );
    }
    // A mistyped flag gets the nearest one the command takes.
    const unknown = /^Unknown option '(-[^']*)'/.exec(problem)?.[1];
    const known = [...Object.keys(options).map((name) => `--${name}`), '--help'];
    throw new UsageError(command, unknown ? `${problem}.${didYouMean(unknown, known)}` : problem);
  }
}

/** Reads a non-negative integer flag, or throws {@link UsageError} naming it. */
export function integerFlag(
  command: string,
  flag: string,
  value: string | undefined,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max) {
    throw new UsageError(command, `--${flag} is ${JSON.stringify(value)}, not a whole number from 0 to ${max}`);
  }
  return Number(value);
}

/** Resolves on the first SIGINT or SIGTERM (or when `signal` aborts), removing its listeners. */
export function untilStopped(signal?: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const stopWith = (reason: string) => () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      signal?.removeEventListener('abort', onAbort);
      resolve(reason);
    };
    const onInt = stopWith('SIGINT');
    const onTerm = stopWith('SIGTERM');
    const onAbort = stopWith('abort');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The arguments after `<command> <only>`, for commands with one subcommand
 * (`roam lab up`, `roam subscribers generate`, `roam events export`);
 * undefined when help was asked for, which is then printed.
 *
 * @throws {UsageError} for any other subcommand.
 */
export function onlySubcommand(command: string, only: string, args: readonly string[], usage: string): string[] | undefined {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(usage);
    return undefined;
  }
  if (sub !== only) throw new UsageError(command, `unknown subcommand ${JSON.stringify(sub)}; the only one is "${only}"`);
  return rest;
}

/**
 * Command-line flags read the way Go's `flag` package reads them, so a
 * command can stand in for a Go program in scripts: one or two dashes
 * (`-port`, `--port`), a value after `=` or as the next argument, boolean
 * flags alone or with `=true`/`=false`, `-h`/`-help` for the usage, and
 * parsing that stops at `--` or the first argument that is not a flag.
 *
 * @module
 */

/** What a flag takes: a boolean, a text value, or text values collected from every use. */
export type GoFlagKind = 'bool' | 'string' | 'list';

/** The flags a command knows, by name without dashes. */
export type GoFlagSpec = Readonly<Record<string, GoFlagKind>>;

/** The values given: booleans, the last text of `string` flags, every text of `list` flags. */
export interface GoFlagValues {
  readonly bools: ReadonlyMap<string, boolean>;
  readonly strings: ReadonlyMap<string, string>;
  readonly lists: ReadonlyMap<string, readonly string[]>;
  /** Arguments after the flags. */
  readonly rest: readonly string[];
}

/** What parsing found: values, a request for the usage, or the problem with the arguments. */
export type GoFlagParse =
  | { readonly kind: 'values'; readonly values: GoFlagValues }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

/** Go's `strconv.ParseBool` spellings. */
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * Reads `args` against `spec`.
 *
 * @example
 * ```ts
 * parseGoFlags(['-port=8474', '--proxy-metrics'], { port: 'string', 'proxy-metrics': 'bool' });
 * // { kind: 'values', values: { strings: Map { port → '8474' }, bools: Map { proxy-metrics → true }, ... } }
 * ```
 */
export function parseGoFlags(args: readonly string[], spec: GoFlagSpec): GoFlagParse {
  const bools = new Map<string, boolean>();
  const strings = new Map<string, string>();
  const lists = new Map<string, string[]>();
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    const match = /^--?([^-=][^=]*)(?:=([\s\S]*))?$/.exec(arg);
    if (match === null) break;
    const name = match[1]!;
    const inline = match[2];
    const kind = spec[name];
    if (kind === undefined) {
      if (name === 'h' || name === 'help') return { kind: 'help' };
      return { kind: 'error', message: `Unknown option '${arg.replace(/=.*$/s, '')}'` };
    }
    if (kind === 'bool') {
      if (inline === undefined || TRUE.has(inline)) bools.set(name, true);
      else if (FALSE.has(inline)) bools.set(name, false);
      else return { kind: 'error', message: `invalid boolean value "${inline}" for -${name}` };
      continue;
    }
    let value = inline;
    if (value === undefined) {
      if (i + 1 >= args.length) return { kind: 'error', message: `flag needs an argument: -${name}` };
      value = args[++i]!;
    }
    if (kind === 'string') strings.set(name, value);
    else lists.set(name, [...(lists.get(name) ?? []), value]);
  }
  return { kind: 'values', values: { bools, strings, lists, rest: args.slice(i) } };
}

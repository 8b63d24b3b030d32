/**
 * Limits on what a spec file may be, checked before the YAML is parsed: a
 * spec is a few kilobytes of hand-written YAML, and anything far bigger,
 * wider or deeper is refused at once with a located problem, instead of
 * keeping `roam validate` (or a Playwright worker) busy for minutes. Parsing
 * itself is the expensive part (unique-key checks grow with the square of a
 * map's size), so the counts come from the YAML lexer, which is linear and
 * stops at the first limit crossed.
 *
 * @module
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { isCollection, isPair, Lexer, type Document } from 'yaml';
import { specProblem, type SpecProblem } from './spec-error.js';

/** The limits of one spec file. Each is far above what a hand-written spec needs. */
export const SPEC_LIMITS = {
  /** Bytes in one file (UTF-8): 256 KiB, fifty times the largest scenario of the library. */
  maxBytes: 256 * 1024,
  /** Anchors (`&name`) in one file. */
  maxAnchors: 100,
  /** Aliases (`*name`) in one file. */
  maxAliases: 100,
  /** Mapping keys in one file. */
  maxKeys: 5_000,
  /** Scalar values (keys included) in one file. */
  maxValues: 20_000,
  /** Nesting of mappings and sequences. */
  maxDepth: 64,
  /** Problems listed per file; the rest are counted in one last problem. */
  maxProblems: 100,
} as const;

/** The stable codes of the problems {@link SPEC_LIMITS} raise. */
export const SPEC_LIMIT_CODES = {
  bytes: 'spec_too_large',
  anchors: 'yaml_too_many_anchors',
  aliases: 'yaml_too_many_aliases',
  keys: 'yaml_too_many_keys',
  values: 'yaml_too_many_values',
  depth: 'yaml_too_deep',
  problems: 'too_many_problems',
} as const;

/**
 * Reads a spec file unless it is over {@link SPEC_LIMITS}`.maxBytes`; the size
 * is checked on the open file before anything is read, so a 50 MB file costs
 * nothing.
 *
 * @param path where the file is
 * @param file the name problems carry (relative to the working directory)
 */
export function readSpecFile(
  path: string,
  file: string,
): { text: string; problem?: undefined } | { text?: undefined; problem: SpecProblem } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    return { problem: specProblem(file, 1, 1, `cannot read the file: ${(error as Error).message}`, '', 'unreadable') };
  }
  try {
    const { size, isFile } = statOf(fd);
    if (!isFile) return { problem: specProblem(file, 1, 1, 'it is not a file: give spec files (*.roam.yaml)', '', 'unreadable') };
    if (size > SPEC_LIMITS.maxBytes) return { problem: sizeProblem(file, size) };
    return { text: readFileSync(fd, 'utf8') };
  } catch (error) {
    return { problem: specProblem(file, 1, 1, `cannot read the file: ${(error as Error).message}`, '', 'unreadable') };
  } finally {
    closeSync(fd);
  }
}

function statOf(fd: number): { size: number; isFile: boolean } {
  const stat = fstatSync(fd);
  return { size: stat.size, isFile: stat.isFile() };
}

/** The problem of a file over the size limit. */
export function sizeProblem(file: string, bytes: number): SpecProblem {
  return specProblem(
    file,
    1,
    1,
    `the file is ${formatBytes(bytes)}; a spec file is at most ${formatBytes(SPEC_LIMITS.maxBytes)}: split it into several files`,
    '',
    SPEC_LIMIT_CODES.bytes,
  );
}

// Control tokens the lexer emits that take no room in the text.
const ZERO_WIDTH = new Set(['\x02', '\x18', '\x1f']);

/**
 * Checks spec text against {@link SPEC_LIMITS} with the YAML lexer, before it
 * is parsed: size, anchors, aliases, keys, values and flow nesting. Stops at
 * the first limit crossed and says where.
 *
 * @returns the problem, or undefined when the text is within every limit
 * @example
 * ```ts
 * scanSpecLimits('a: &x 1\n'.repeat(5000), 'big.roam.yaml')?.code // 'yaml_too_many_anchors'
 * ```
 */
export function scanSpecLimits(text: string, file: string): SpecProblem | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > SPEC_LIMITS.maxBytes) return sizeProblem(file, bytes);
  let offset = 0;
  let anchors = 0;
  let aliases = 0;
  let keys = 0;
  let values = 0;
  let flowDepth = 0;
  const over = (code: string, message: string) => {
    const { line, column } = positionOf(text, offset);
    return specProblem(file, line, column, message, '', code);
  };
  for (const token of new Lexer().lex(text)) {
    const first = token[0];
    if (token === ':' || token === '?') {
      if (++keys > SPEC_LIMITS.maxKeys) {
        return over(
          SPEC_LIMIT_CODES.keys,
          `more than ${SPEC_LIMITS.maxKeys} mapping keys in one file; a spec has far fewer: split it into several files`,
        );
      }
    } else if (token === '\x1f' || first === '"' || first === "'") {
      if (++values > SPEC_LIMITS.maxValues) {
        return over(
          SPEC_LIMIT_CODES.values,
          `more than ${SPEC_LIMITS.maxValues} values in one file; a spec has far fewer: split it into several files`,
        );
      }
    } else if (first === '&') {
      if (++anchors > SPEC_LIMITS.maxAnchors) {
        return over(
          SPEC_LIMIT_CODES.anchors,
          `more than ${SPEC_LIMITS.maxAnchors} anchors (&name) in one file; a spec needs a few at most: write the values out, or split the file`,
        );
      }
    } else if (first === '*') {
      if (++aliases > SPEC_LIMITS.maxAliases) {
        return over(
          SPEC_LIMIT_CODES.aliases,
          `more than ${SPEC_LIMITS.maxAliases} aliases (*name) in one file; a spec needs a few at most: write the values out, or split the file`,
        );
      }
    } else if (token === '[' || token === '{') {
      if (++flowDepth > SPEC_LIMITS.maxDepth) return over(SPEC_LIMIT_CODES.depth, depthMessage());
    } else if (token === ']' || token === '}') {
      flowDepth = Math.max(0, flowDepth - 1);
    }
    if (!ZERO_WIDTH.has(token)) offset += token.length;
  }
  return undefined;
}

/**
 * The first mapping or sequence of a parsed document nested deeper than
 * {@link SPEC_LIMITS}`.maxDepth`, as a problem; walked without recursion, so
 * a deep document cannot exhaust the stack.
 *
 * @param locate the 1-based line and column of an offset in the text
 */
export function depthProblem(
  doc: Document,
  file: string,
  locate: (offset: number) => { line: number; col: number },
): SpecProblem | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isPair(node)) {
      stack.push({ node: node.key, depth }, { node: node.value, depth });
    } else if (isCollection(node)) {
      if (depth + 1 > SPEC_LIMITS.maxDepth) {
        const { line, col } = locate(node.range?.[0] ?? 0);
        return specProblem(file, line, col, depthMessage(), '', SPEC_LIMIT_CODES.depth);
      }
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    }
    // Scalars and aliases hold no children.
  }
  return undefined;
}

function depthMessage(): string {
  return `mappings and sequences nested more than ${SPEC_LIMITS.maxDepth} deep; a spec is a few levels deep: flatten it`;
}

/**
 * At most {@link SPEC_LIMITS}`.maxProblems` problems of one file, and one
 * more saying how many were left out.
 */
export function capProblems(problems: SpecProblem[], file: string): SpecProblem[] {
  if (problems.length <= SPEC_LIMITS.maxProblems) return problems;
  const left = problems.length - SPEC_LIMITS.maxProblems;
  return [
    ...problems.slice(0, SPEC_LIMITS.maxProblems),
    specProblem(file, 1, 1, `${left} more problem${left === 1 ? '' : 's'} not listed: fix these first`, '', SPEC_LIMIT_CODES.problems),
  ];
}

/** 1-based line and column of `offset` in `text`. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

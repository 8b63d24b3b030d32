import { readFileSync } from 'node:fs';

/** A fenced code block of a Markdown file, with its info string split into language and `key=value` attributes. */
export interface CodeBlock {
  readonly lang: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

/**
 * Every fenced block of `path`. The README marks how each block is checked:
 * `ts file=tests/x.spec.ts` and `yaml file=…` are files of a project that is
 * run, `ts script` is run with tsx, `sh` lines are commands whose existence is
 * checked, `text error=<key>` is an error message reproduced by the test.
 */
export function codeBlocks(path: string): CodeBlock[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    const attributes: Record<string, string> = {};
    for (const part of open[2]!.split(/\s+/).filter(Boolean)) {
      const [key, value] = part.split('=');
      attributes[key!] = value ?? 'true';
    }
    blocks.push({ lang: open[1]!, attributes, code: body.join('\n') + '\n', line: start + 1 });
  }
  return blocks;
}

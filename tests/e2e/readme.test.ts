import { test, expect } from '@playwright/test';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { codeBlocks, type CodeBlock } from '../support/readme-blocks.js';
import { repoRoot, runNode, writeInlineProject } from '../support/inline-project.js';
import { README_ERRORS, README_OUTPUTS } from '../support/readme-errors.js';

// Every code block of the README runs or is checked here, so the guide
// cannot drift from the code: project files run as a Playwright project,
// scripts run with tsx, shell commands must exist, error messages are the real ones.
test.describe.configure({ mode: 'parallel', timeout: 180_000 });

const README = join(repoRoot, 'README.md');
const blocks = codeBlocks(README);
const where = (block: CodeBlock) => `README.md:${block.line}`;

test('every code block says how it is checked', () => {
  const unchecked = blocks.filter((b) => {
    if (b.attributes['file']) return !['ts', 'yaml', 'yml', 'json'].includes(b.lang);
    if (b.lang === 'ts') return !b.attributes['script'];
    if (b.lang === 'sh') return false;
    if (b.lang === 'text') return !b.attributes['error'] && !b.attributes['output'];
    return true;
  });
  expect(unchecked.map(where)).toEqual([]);
});

test('the project files of the README pass as a Playwright project', async () => {
  const files = Object.fromEntries(blocks.filter((b) => b.attributes['file']).map((b) => [b.attributes['file']!, b.code]));
  expect(Object.keys(files)).toContain('playwright.config.ts');
  const project = writeInlineProject('readme', files);
  // As after `npm install --save-dev roaming-harness` (Playwright resolves reporter names through node_modules).
  mkdirSync(join(project.dir, 'node_modules'), { recursive: true });
  symlinkSync(repoRoot, join(project.dir, 'node_modules', 'roaming-harness'), 'dir');
  try {
    const { code, output } = await project.run(['--reporter=list']);
    expect(code, output).toBe(0);
    // One test per test() call, plus one per scenario of the YAML specs.
    const tests = Object.entries(files).reduce(
      (n, [file, code]) =>
        n + (file.startsWith('tests/') ? (code.match(/^test\(/gm) ?? []).length : 0) + (/^scenario:/m.test(code) ? 1 : 0),
      0,
    );
    expect(output).toContain(`${tests} passed`);
    expect(output).not.toMatch(/\b\d+ (failed|skipped)/);
    if (files['playwright.gate.config.ts']) {
      // The run gate of the README holds over the spec tests, and says so.
      const gated = await project.run(['--config', 'playwright.gate.config.ts', 'tests/specs.spec.ts']);
      expect(gated.code, gated.output).toBe(0);
      expect(gated.output).toMatch(/Run-level gate passed/);
    }
  } finally {
    project.remove();
  }
});

for (const block of blocks.filter((b) => b.lang === 'ts' && b.attributes['script'])) {
  test(`the script at README.md:${block.line} runs`, async () => {
    const project = writeInlineProject(`readme-script-${block.line}`, { 'script.mts': block.code });
    try {
      const tsx = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
      const { code, output } = await runNode([tsx, 'script.mts'], project.dir);
      expect(code, output).toBe(0);
    } finally {
      project.remove();
    }
  });
}

test('every shell command of the README exists', async () => {
  const scripts = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string; scripts: Record<string, string> };
  const commands = blocks
    .filter((b) => b.lang === 'sh')
    .flatMap((b) => b.code.split('\n').map((line) => ({ line: line.replace(/#.*$/, '').trim(), block: b })))
    .filter(({ line }) => line)
    .flatMap(({ line, block }) => line.split('&&').map((part) => ({ command: part.trim(), block })));
  expect(commands.length).toBeGreaterThan(0);
  for (const { command, block } of commands) {
    const npmRun = /^npm run (\S+)/.exec(command);
    const roam = /^(?:npx )?roam (\S+)(?: (\S+))?/.exec(command);
    if (npmRun) expect(scripts.scripts, `${where(block)}: ${command}`).toHaveProperty([npmRun[1]!]);
    else if (command === 'npm test') expect(scripts.scripts).toHaveProperty(['test']);
    else if (command === 'npm ci') continue;
    else if (/^npm install --save-dev /.test(command)) expect(command.split(' ')).toContain(scripts.name);
    else if (roam) {
      const sub = [roam[1]!, ...(roam[2] && !roam[2].startsWith('-') && !roam[2].includes('/') && !roam[2].includes('.') ? [roam[2]] : [])];
      const { code, output } = await runNode([join(repoRoot, 'dist/cli/main.js'), ...sub, '--help'], repoRoot);
      expect(code, `${where(block)}: roam ${sub.join(' ')} --help\n${output}`).toBe(0);
    } else if (/^npx (playwright|allure) /.test(command)) continue;
    else throw new Error(`${where(block)}: no check for the command "${command}"; add one to tests/e2e/readme.test.ts`);
  }
});

for (const block of blocks.filter((b) => b.lang === 'text' && b.attributes['error'])) {
  test(`the error message at README.md:${block.line} is the real one (${block.attributes['error']})`, async () => {
    const produce = README_ERRORS[block.attributes['error']!];
    expect(produce, `tests/support/readme-errors.ts has no "${block.attributes['error']}"`).toBeDefined();
    const actual = await produce!();
    expect(normalise(block.code)).toBe(normalise(actual));
  });
}

for (const block of blocks.filter((b) => b.lang === 'text' && b.attributes['output'])) {
  test(`the output at README.md:${block.line} is what the command prints (${block.attributes['output']})`, async () => {
    const produce = README_OUTPUTS[block.attributes['output']!];
    expect(produce, `tests/support/readme-errors.ts has no output "${block.attributes['output']}"`).toBeDefined();
    const actual = normalise(await produce!())
      .split('\n')
      .map((line) => line.trimEnd());
    // The README may elide lines with "..."; every line it shows is printed as shown.
    for (const line of normalise(block.code)
      .split('\n')
      .filter((l) => l.trim() !== '...'))
      expect(actual).toContain(line.trimEnd());
  });
}

/** Ports, addresses and durations change run to run; the words must not. */
function normalise(text: string): string {
  return text
    .trim()
    .replace(/127\.0\.0\.\d+:\d+/g, '127.0.0.1:<port>')
    .replace(/\d+(\.\d+)? ?ms/g, '<n> ms')
    .replace(/[ \t]+\n/g, '\n');
}

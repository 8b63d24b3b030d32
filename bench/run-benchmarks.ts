import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Benchmark, BenchMode, BenchResult, BenchRow } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository (the compiled benchmarks sit in `.bench-build/bench/`): results and BENCHMARKS.md go here. */
const root = join(here, '..', '..');

/**
 * `npm run bench [-- --quick] [-- --only <name>] [-- --no-write] [-- --out <dir>]`:
 * runs every `bench/*.bench.ts`, prints a table per benchmark, writes JSON to
 * `bench/results/` (or `--out`), and (full mode) rewrites its section of
 * BENCHMARKS.md. A benchmark that throws is reported and the others still
 * run; the exit code is then 1.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean' },
      only: { type: 'string', multiple: true },
      'no-write': { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  const mode: BenchMode = values.quick ? 'quick' : 'full';
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.js'))
    .sort();
  const results: { bench: Benchmark; result: BenchResult; seconds: number }[] = [];
  const failed: string[] = [];
  const loadBefore = loadavg()[0]!;
  for (const file of files) {
    const bench = (await import(pathToFileURL(join(here, file)).href)).benchmark as Benchmark;
    if (values.only && !values.only.includes(bench.name)) continue;
    process.stdout.write(`\n▶ ${bench.title} (${mode})\n`);
    const start = performance.now();
    let result: BenchResult;
    try {
      result = await bench.run(mode);
    } catch (error) {
      failed.push(bench.name);
      process.stderr.write(`  ✗ ${bench.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      continue;
    }
    const seconds = (performance.now() - start) / 1000;
    printTable(result.rows);
    for (const t of result.targets ?? []) process.stdout.write(`  ${t.met ? '✓' : '✗'} ${t.name}: ${t.measured} (target ${t.target})\n`);
    results.push({ bench, result, seconds });
  }
  const meta = {
    date: new Date().toISOString(),
    commit: commit(),
    mode,
    command: commandLine(),
    machine: machine(),
    /** 1-minute load average before and after the run: ratios side by side stay comparable, absolute figures do not. */
    loadAverage: { before: round(loadBefore), after: round(loadavg()[0]!) },
  };
  const outDir = values.out ?? join(root, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  for (const { bench, result, seconds } of results) {
    writeFileSync(
      join(outDir, `${bench.name}.json`),
      JSON.stringify({ ...meta, name: bench.name, title: bench.title, seconds, ...result }, null, 2) + '\n',
    );
  }
  if (mode === 'full' && !values['no-write']) updateBenchmarksMd(results, meta, outDir);
  if (failed.length > 0) {
    process.stderr.write(`\n[roam] ${failed.length} benchmark(s) failed: ${failed.join(', ')}. See their errors above.\n`);
    process.exitCode = 1;
  }
}

/** The command as typed: `npm run bench -- …`, or `node .bench-build/bench/run-benchmarks.js …` when run directly. */
function commandLine(): string {
  const args = process.argv.slice(2);
  if (process.env['npm_lifecycle_event'] === 'bench') return ['npm run bench', ...(args.length ? ['--', ...args] : [])].join(' ');
  return ['node', relative(process.cwd(), process.argv[1] ?? '.bench-build/bench/run-benchmarks.js') || 'run-benchmarks.js', ...args].join(
    ' ',
  );
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function printTable(rows: readonly BenchRow[]): void {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => c.padEnd(widths[i]!)).join('  ') + '\n';
  process.stdout.write(line(columns));
  process.stdout.write(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) process.stdout.write(line(columns.map((c) => String(row[c] ?? ''))));
}

/** The table as Markdown. */
export function markdownTable(rows: readonly BenchRow[]): string {
  if (rows.length === 0) return '';
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [
    `| ${columns.join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${columns.map((c) => String(r[c] ?? '')).join(' | ')} |`),
  ].join('\n');
}

function updateBenchmarksMd(
  results: { bench: Benchmark; result: BenchResult }[],
  meta: { date: string; commit: string; command: string; machine: string; loadAverage: { before: number; after: number } },
  outDir: string,
): void {
  const path = join(root, 'BENCHMARKS.md');
  let text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  for (const { bench, result } of results) {
    const body = [
      `## ${bench.title}`,
      '',
      bench.method,
      '',
      `Run ${meta.date.slice(0, 16).replace('T', ' ')} UTC at commit \`${meta.commit.replace('+modified', '')}\`${meta.commit.endsWith('+modified') ? ' (with local changes)' : ''} with \`${meta.command}\` on ${meta.machine}; 1-minute load average ${meta.loadAverage.before} before and ${meta.loadAverage.after} after the whole run.`,
      '',
      markdownTable(result.rows),
      '',
      ...(result.targets?.length
        ? [
            '| target | wanted | measured | met |',
            '| --- | --- | --- | --- |',
            ...result.targets.map(
              (t) => `| ${t.name} | ${t.target} | ${t.measured} | ${t.met ? 'yes' : `**no**${t.note ? `: ${t.note}` : ''}`} |`,
            ),
            '',
          ]
        : []),
      ...(result.notes ?? []).map((n) => `- ${n}`),
    ].join('\n');
    const start = `<!-- bench:${bench.name}:start -->`;
    const end = `<!-- bench:${bench.name}:end -->`;
    const section = `${start}\n${body.trim()}\n${end}`;
    const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
    text = pattern.test(text) ? text.replace(pattern, () => section) : `${text.trimEnd()}\n\n${section}\n`;
  }
  text = withSummary(text, outDir);
  writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
}

/** What a results file holds, as far as the summary needs it. */
interface SavedResult {
  readonly name: string;
  readonly title: string;
  readonly mode: BenchMode;
  readonly date: string;
  readonly targets?: readonly { name: string; target: string; measured: string; met: boolean }[];
}

/**
 * The summary section at the top of BENCHMARKS.md: every target of the latest
 * full run of each benchmark (from the JSON in `outDir`), met or not; the rows
 * of a benchmark with no full result there stay as they were.
 */
function withSummary(text: string, outDir: string): string {
  const saved = readdirSync(outDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(outDir, f), 'utf8')) as SavedResult)
    .filter((r) => r.mode === 'full');
  const fresh = saved.map((r) => ({
    name: r.name,
    rows: (r.targets ?? []).map(
      (t) =>
        `| [${r.name}](#${anchor(r.title)}) | ${t.name} | ${t.target} | ${t.measured.replace(/\|/g, '\\|')} | ${t.met ? 'yes' : '**no**'} | ${r.date.slice(0, 16).replace('T', ' ')} |`,
    ),
  }));
  const start = '<!-- bench:summary:start -->';
  const end = '<!-- bench:summary:end -->';
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  // A benchmark with no full result in outDir (not run from this checkout) keeps its rows, with their dates.
  const kept = (pattern.exec(text)?.[0] ?? '')
    .split('\n')
    .map((line) => ({ name: /^\| \[([^\]]+)\]\(/.exec(line)?.[1], line }))
    .filter((row): row is { name: string; line: string } => row.name !== undefined && !fresh.some((r) => r.name === row.name));
  const rows = [...fresh.flatMap((r) => r.rows.map((line) => ({ name: r.name, line }))), ...kept]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((row) => row.line);
  const section = [
    start,
    '## Summary: every target, from the latest full run of each benchmark',
    '',
    '| benchmark | target | wanted | measured | met | run (UTC) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    end,
  ].join('\n');
  if (pattern.test(text)) return text.replace(pattern, () => section);
  const first = text.indexOf('<!-- bench:');
  return first < 0 ? `${text.trimEnd()}\n\n${section}\n` : `${text.slice(0, first)}${section}\n\n${text.slice(first)}`;
}

/** GitHub's heading anchor. */
function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return dirty ? `${head}+modified` : head;
  } catch {
    return 'unknown';
  }
}

function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

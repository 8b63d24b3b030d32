import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Benchmark, BenchMode, BenchResult, BenchRow } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/**
 * `npm run bench [-- --quick] [-- --only <name>] [-- --no-write]`: runs every
 * `bench/*.bench.ts`, prints a table per benchmark, writes JSON to
 * `bench/results/`, and (full mode) rewrites its section of BENCHMARKS.md.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean' }, only: { type: 'string', multiple: true }, 'no-write': { type: 'boolean' } },
  });
  const mode: BenchMode = values.quick ? 'quick' : 'full';
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.js'))
    .sort();
  const results: { bench: Benchmark; result: BenchResult; seconds: number }[] = [];
  for (const file of files) {
    const bench = (await import(pathToFileURL(join(here, file)).href)).benchmark as Benchmark;
    if (values.only && !values.only.includes(bench.name)) continue;
    process.stdout.write(`\n▶ ${bench.title} (${mode})\n`);
    const start = performance.now();
    const result = await bench.run(mode);
    const seconds = (performance.now() - start) / 1000;
    printTable(result.rows);
    for (const t of result.targets ?? []) process.stdout.write(`  ${t.met ? '✓' : '✗'} ${t.name}: ${t.measured} (target ${t.target})\n`);
    results.push({ bench, result, seconds });
  }
  const meta = {
    date: new Date().toISOString(),
    commit: commit(),
    mode,
    command: `npm run bench${mode === 'quick' ? ' -- --quick' : ''}`,
    machine: machine(),
  };
  const outDir = join(root, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  for (const { bench, result, seconds } of results) {
    writeFileSync(
      join(outDir, `${bench.name}.json`),
      JSON.stringify({ ...meta, name: bench.name, title: bench.title, seconds, ...result }, null, 2) + '\n',
    );
  }
  if (mode === 'full' && !values['no-write']) updateBenchmarksMd(results, meta);
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
  meta: { date: string; commit: string; command: string; machine: string },
): void {
  const path = join(root, 'BENCHMARKS.md');
  let text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  for (const { bench, result } of results) {
    const body = [
      `## ${bench.title}`,
      '',
      bench.method,
      '',
      `Run ${meta.date.slice(0, 10)} at commit \`${meta.commit}\` with \`${meta.command}\` on ${meta.machine}.`,
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
    text = pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}\n`;
  }
  writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The benchmarks' smoke run, as `npm run bench -- --quick` does it, but compiled into a temp directory
// (so a shared dist/ is not rebuilt under other tests) and writing its JSON there. Timings are not checked.
const repo = resolve(import.meta.dirname, '..');

// Every benchmark runs once, small; on a busy two-core machine that takes minutes.
test.setTimeout(300_000);

/** Runs node with `args`; resolves with its exit code and the tail of its stderr. */
function node(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
  return new Promise((done) => child.on('close', (code) => done({ code, stderr })));
}

test('npm run bench -- --quick writes well-formed results for every benchmark', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roam-bench-quick-'));
  try {
    symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
    copyFileSync(join(repo, 'package.json'), join(dir, 'package.json'));
    // The start-up and import benchmarks import the built package by its name (npm test builds dist/ first).
    symlinkSync(join(repo, 'dist'), join(dir, 'dist'), 'dir');
    const out = join(dir, 'out');
    // Type errors elsewhere in a tree under work do not stop tsc from emitting; a missing run.js does fail below.
    await node([join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repo, 'tsconfig.bench.json'), '--outDir', out]);
    const runJs = join(out, 'bench', 'run-benchmarks.js');
    expect(existsSync(runJs), 'tsc did not emit bench/run-benchmarks.js').toBe(true);

    const results = join(dir, 'results');
    const run = await node([runJs, '--quick', '--out', results]);
    expect(run.code, `bench exited with ${run.code}\n${run.stderr}`).toBe(0);

    const benches = readdirSync(join(out, 'bench'))
      .filter((f) => f.endsWith('.bench.js'))
      .map((f) => f.replace(/\.bench\.js$/, ''))
      .sort();
    expect(benches).toEqual(
      expect.arrayContaining([
        'chaos-proxy',
        'end-to-end',
        'layer-costs',
        'osmo-hlr',
        'segments',
        'start-up',
        'users-peak',
        'virtual-clock',
      ]),
    );
    expect(readdirSync(results).sort()).toEqual(benches.map((b) => `${b}.json`));

    for (const name of benches) {
      const json = JSON.parse(readFileSync(join(results, `${name}.json`), 'utf8')) as Record<string, unknown>;
      expect(json, name).toMatchObject({
        name,
        mode: 'quick',
        command: expect.stringMatching(/ --quick --out /),
        title: expect.any(String),
        date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        commit: expect.any(String),
        machine: expect.stringMatching(/Node v\d+/),
        seconds: expect.any(Number),
        loadAverage: { before: expect.any(Number), after: expect.any(Number) },
        rows: expect.any(Array),
      });
      const rows = json['rows'] as Record<string, unknown>[];
      // Only a benchmark that skipped (osmo-hlr not installed) may have no rows, and then it says why.
      if (rows.length === 0) expect((json['notes'] as string[]).join(' '), name).toMatch(/not installed|not set|skipped/);
      for (const row of rows) for (const value of Object.values(row)) expect(['string', 'number'], name).toContain(typeof value);
      for (const target of (json['targets'] as unknown[] | undefined) ?? []) {
        expect(target, name).toMatchObject({
          name: expect.any(String),
          target: expect.any(String),
          measured: expect.any(String),
          met: expect.any(Boolean),
        });
      }
    }
    // Quick mode writes JSON only: BENCHMARKS.md is left to full runs.
    expect(existsSync(join(dir, 'BENCHMARKS.md'))).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

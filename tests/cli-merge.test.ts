import { test, expect } from '@playwright/test';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEvidence } from '../reporters/evidence/build-evidence.js';
import { readSigningKey, writeEvidenceKeyPair } from '../reporters/evidence/signing-keys.js';
import { verifyEvidence } from '../reporters/evidence/verify-evidence.js';
import { compactSamples } from '../metrics/compact-samples.js';
import { MetricSamples } from '../metrics/metric-samples.js';
import { evaluateSlo } from '../metrics/slo.js';
import { sloRecordOf } from '../metrics/slo-record.js';
import { summarizeSlos } from '../metrics/slo-summary.js';
import { runRoam } from './support/roam-cli.js';

// Two segments of one run, each with Allure results, an SLO summary with its samples and a signed
// evidence bundle, merged by `roam merge` into one report and one bundle signed by the merger.

const where = { project: 'core', file: 'specs/peak.roam.yaml', test: 'peak: 10,000 attached' };

async function writeSegment(root: string, name: string, latencies: number[], shardKey: string): Promise<void> {
  const dir = join(root, name);
  mkdirSync(join(dir, 'allure-results'), { recursive: true });
  writeFileSync(join(dir, 'allure-results', `${name}-uuid-result.json`), JSON.stringify({ name: where.test, status: 'passed', stop: 1 }));
  writeFileSync(join(dir, 'allure-results', 'environment.properties'), `segment=${name}\nnode=v20\n`);
  const samples = new MetricSamples();
  for (const v of latencies) samples.add('attach_latency', v, {});
  const row = { ...where, ...sloRecordOf(evaluateSlo('p(95)<300ms', latencies), 'attach_latency') };
  mkdirSync(join(dir, 'slo-summary'), { recursive: true });
  const summary = summarizeSlos([row], new Date(0), [{ ...where, samples: compactSamples(samples) }]);
  writeFileSync(join(dir, 'slo-summary', 'slo-summary.json'), JSON.stringify(summary));
  mkdirSync(join(dir, 'specs'), { recursive: true });
  writeFileSync(join(dir, 'specs', 'peak.roam.yaml'), 'scenario: peak\n');
  writeFileSync(join(dir, 'events.jsonl'), `{"event_type":"attach","segment":"${name}"}\n`);
  await buildEvidence({
    outputDir: join(dir, 'evidence', 'run'),
    cwd: dir,
    sources: { specs: ['specs/peak.roam.yaml'], results: ['allure-results'], events: ['events.jsonl'], slo: ['slo-summary'] },
    run: { segment: name },
    partners: { home: ['DEUEX'], visited: ['FRAEX'] },
    signers: [readSigningKey(shardKey)],
    archive: false,
  });
}

test('roam merge: the union of the Allure results, the SLOs evaluated over both segments, one bundle signed by the merger', async () => {
  test.setTimeout(60_000);
  const root = mkdtempSync(join(tmpdir(), 'roam-merge-'));
  try {
    const shard = writeEvidenceKeyPair(join(root, 'shard'));
    const merger = writeEvidenceKeyPair(join(root, 'merger'));
    const fast = Array.from({ length: 100 }, (_, i) => 100 + i);
    const slow = Array.from({ length: 100 }, (_, i) => 250 + i);
    await writeSegment(root, 'segment-1', fast, shard.privateKeyPath);
    await writeSegment(root, 'segment-2', slow, shard.privateKeyPath);
    const out = join(root, 'merged');

    const run = await runRoam(
      [
        'merge',
        '--output',
        out,
        join(root, 'segment-1'),
        join(root, 'segment-2'),
        '--key',
        merger.privateKeyPath,
        '--signed-by',
        shard.publicKeyPath,
      ],
      { cwd: root },
    );
    expect(run.code, run.output).toBe(0);
    expect(run.stdout).toContain('[roam] Allure results: 2 test results from 2 shards');

    expect(readdirSync(join(out, 'allure-results')).sort()).toEqual([
      'environment.properties',
      'segment-1-uuid-result.json',
      'segment-2-uuid-result.json',
    ]);
    expect(readFileSync(join(out, 'allure-results', 'environment.properties'), 'utf8')).toBe('segment=segment-1, segment-2\nnode=v20\n');

    const merged = JSON.parse(readFileSync(join(out, 'slo-summary', 'slo-summary.json'), 'utf8'));
    const union = evaluateSlo('p(95)<300ms', [...fast, ...slow]);
    expect(merged.rows).toEqual([expect.objectContaining({ ...where, samples: 200, measured: union.measured, pass: union.pass })]);

    const bundle = join(out, 'evidence', 'merged');
    const verified = await verifyEvidence(bundle, {
      keys: [await import('../reporters/evidence/signing-keys.js').then((m) => m.readPublicKey(merger.publicKeyPath))],
    });
    expect(verified.failures).toEqual([]);
    expect(existsSync(`${bundle}.tar.gz`)).toBe(true);
    const runJson = JSON.parse(readFileSync(join(bundle, 'run.json'), 'utf8'));
    expect(runJson.world.shards.map((s: { name: string }) => s.name)).toEqual(['segment-1', 'segment-2']);
    expect(runJson.world.segments).toEqual({ 'segment-1': { segment: 'segment-1' }, 'segment-2': { segment: 'segment-2' } });
    expect(runJson.partners).toEqual({ home: ['DEUEX'], visited: ['FRAEX'] });
    // Run-specific sections keep one folder per segment; the spec files agree, so there is one copy.
    expect(readdirSync(join(bundle, 'events')).sort()).toEqual(['segment-1', 'segment-2']);
    expect(readdirSync(join(bundle, 'specs'))).toEqual(['peak.roam.yaml']);
    expect(readdirSync(join(bundle, 'results', 'allure-results')).filter((f) => f.endsWith('-result.json'))).toHaveLength(2);

    // A shard bundle changed after it was signed: nothing is merged, and the merger says which.
    appendFileSync(join(root, 'segment-2', 'evidence', 'run', 'events', 'events.jsonl'), '{"forged":true}\n');
    const refused = await runRoam(
      [
        'merge',
        '--output',
        join(root, 'again'),
        join(root, 'segment-1'),
        join(root, 'segment-2'),
        '--key',
        merger.privateKeyPath,
        '--signed-by',
        shard.publicKeyPath,
      ],
      { cwd: root },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^\[roam\] Failed to merge the evidence bundles: the bundle of shard segment-2 \(.*\) does not verify: .*events\/events\.jsonl/,
    );
    expect(existsSync(join(root, 'again', 'evidence', 'again'))).toBe(false);

    const unverified = await runRoam(['merge', '--output', join(root, 'third'), join(root, 'segment-1')], { cwd: root });
    expect(unverified.code).toBe(2);
    expect(unverified.stderr).toContain('pass --signed-by <public.pub> to verify them');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('roam run refuses a segment that is not i/n before running anything', async () => {
  const run = await runRoam(['run', '--segment', '3/2'], { cwd: tmpdir() });
  expect(run.code).toBe(2);
  expect(run.stderr).toBe(
    '[roam] Failed to run roam run: --segment 3/2: i is 3, not from 1 to 2 (give i/n, e.g. 2/4). Run "roam run --help" for the options.\n',
  );
});

const SEGMENTED_SPEC = `scenario: Germans attach in France, in segments
id: IR24-LU-09
clock: virtual
world:
  home: { plmn: 262-01 }
  visited:
    - plmn: 208-01
subscribers:
  travellers: { count: 10, home: 262-01 }
steps:
  - attach: { who: travellers, visited: 208-01 }
expect:
  slo:
    attach_success: 'rate>=99%'
`;

test('roam run --segment runs a slice of each group in each segment; roam merge puts the two back into one report', async () => {
  test.setTimeout(180_000);
  const root = mkdtempSync(join(tmpdir(), 'roam-segments-'));
  try {
    for (const i of [1, 2]) {
      const dir = join(root, `segment-${i}`);
      mkdirSync(join(dir, 'specs'), { recursive: true });
      writeFileSync(join(dir, 'specs', 'attach.roam.yaml'), SEGMENTED_SPEC);
      const run = await runRoam(['run', '--segment', `${i}/2`], {
        cwd: dir,
        env: { CI: '', FORCE_COLOR: '0', NO_COLOR: '1' },
      });
      expect(run.code, run.output).toBe(0);
      expect(run.output).toContain(`[roam] Running segment ${i}/2 of each scenario`);
      const [result] = readdirSync(join(dir, 'allure-results'))
        .filter((f) => f.endsWith('-result.json'))
        .map((f) => JSON.parse(readFileSync(join(dir, 'allure-results', f), 'utf8')));
      expect(result.parameters).toEqual(expect.arrayContaining([{ name: 'segment', value: `${i}/2` }]));
      const summary = JSON.parse(readFileSync(join(dir, 'slo-summary', 'slo-summary.json'), 'utf8'));
      // Five of the ten travellers in each segment.
      // The spec file as named in the folder roam ran in, the same in every segment, so merge finds them one test.
      expect(summary.rows).toEqual([
        expect.objectContaining({ metric: 'attach_success', samples: 5, pass: true, file: 'specs/attach.roam.yaml' }),
      ]);
    }
    const merged = await runRoam(['merge', '--output', join(root, 'merged'), join(root, 'segment-1'), join(root, 'segment-2')], {
      cwd: root,
    });
    expect(merged.code, merged.output).toBe(0);
    const summary = JSON.parse(readFileSync(join(root, 'merged', 'slo-summary', 'slo-summary.json'), 'utf8'));
    expect(summary.rows).toEqual([expect.objectContaining({ metric: 'attach_success', samples: 10, measured: 1, pass: true })]);
    expect(readdirSync(join(root, 'merged', 'allure-results')).filter((f) => f.endsWith('-result.json'))).toHaveLength(2);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

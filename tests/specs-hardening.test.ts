import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSpecText } from '../specs/loader.js';
import { validateSpecFiles } from '../specs/validate-files.js';
import { runRoam } from './support/roam-cli.js';

// What careless and hostile spec files get: a located problem from `roam validate`, never a
// "Valid" that `roam run` then contradicts, nor a run that fails with a RangeError.

const SPEC = `scenario: A German roamer attaches in France
id: HARD-01
clock: virtual
world:
  home: { plmn: 262-01 }
  visited:
    - plmn: 208-01
subscribers:
  travellers: { count: 2, home: 262-01, seed: 7 }
links:
  vlr:208-01 -> hlr:262-01: { latency: 40ms }
steps:
  - attach: { who: travellers, visited: 208-01 }
expect:
  slo:
    attach_latency: 'p(50)<500ms'
    attach_success: 'rate>=99.5%'
`;

function problemsOf(text: string) {
  return parseSpecText(text, 'hard.roam.yaml').problems;
}

/** `line:path message` of each problem, for compact assertions. */
function brief(text: string): string[] {
  return problemsOf(text).map((p) => `${p.location.line}:${p.path} ${p.message.split('\n')[0]}`);
}

test('the base spec is valid, so every problem below comes from the one change', () => {
  expect(problemsOf(SPEC)).toEqual([]);
});

test('empty and comment-only files are problems, not "Valid"', () => {
  for (const text of ['', '\n\n', '# only a comment\n', '---\n# two empty documents\n---\n']) {
    const problems = problemsOf(text);
    expect(problems, JSON.stringify(text)).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'spec_empty', location: { line: 1, column: 1 } });
    expect(problems[0]!.message).toMatch(/no scenario or drill/);
  }
});

test('two scenarios with one title in one file are refused at the second one', () => {
  const twice = `${SPEC}---\n${SPEC}`;
  const problems = problemsOf(twice);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatchObject({ code: 'duplicate_title', path: 'scenario', location: { line: 19, column: 11 } });
  expect(problems[0]!.message).toContain('"HARD-01: A German roamer attaches in France" is already used at line 1');
  // Another id makes another test: both load.
  expect(parseSpecText(`${SPEC}---\n${SPEC.replace('HARD-01', 'HARD-02')}`, 'hard.roam.yaml').scenarios).toHaveLength(2);
});

test('durations: negative, over-long and 400-digit ones say why, at the field', () => {
  const latency = (value: string) => brief(SPEC.replace('latency: 40ms', `latency: ${value}`));
  expect(latency('-40ms')).toEqual(['11:links.vlr:208-01 -> hlr:262-01.latency "-40ms" is negative; a duration is 0 or more']);
  expect(latency('99999999999h')).toEqual(['11:links.vlr:208-01 -> hlr:262-01.latency "99999999999h" is longer than the limit of 31 days']);
  expect(latency(`${'9'.repeat(400)}ms`)[0]).toMatch(/^11:links\.vlr:208-01 -> hlr:262-01\.latency ".*\.\.\." is not a duration/);
  expect(latency('40')[0]).toMatch(/^11:links\.vlr:208-01 -> hlr:262-01\.latency expected a duration with a unit/);
  // In a list of faults and in a step the same reasons, at the same kind of path.
  expect(brief(SPEC.replace('{ latency: 40ms }', '[{ latency: 40ms }, { partition: true, at: -1s }]'))).toEqual([
    '11:links.vlr:208-01 -> hlr:262-01[1].at "-1s" is negative; a duration is 0 or more',
  ]);
  expect(brief(SPEC.replace('  - attach:', '  - wait: 99999999999h\n  - attach:'))).toEqual([
    '13:steps[0].wait "99999999999h" is longer than the limit of 31 days',
  ]);
});

test('a union that fits no shape names the shapes it takes', () => {
  expect(brief(SPEC.replace('{ latency: 40ms }', '5'))).toEqual([
    '11:links.vlr:208-01 -> hlr:262-01 expected a mapping or a list, got a number',
  ]);
});

test('SLOs that cannot hold, or cannot fail, are refused with a reason', () => {
  const slo = (from: string, to: string) => brief(SPEC.replace(from, to));
  expect(slo("'rate>=99.5%'", "'rate>=-5%'")[0]).toMatch(
    /^17:expect\.slo\.attach_success invalid SLO "rate>=-5%": .*a rate is between 0% and 100%/,
  );
  expect(slo("'rate>=99.5%'", "'rate>=250%'")[0]).toMatch(/invalid SLO "rate>=250%": .*a rate is between 0% and 100%/);
  expect(slo("'rate>=99.5%'", "'rate>=0%'")[0]).toMatch(/invalid SLO "rate>=0%": .*holds whatever is measured/);
  expect(slo("'rate>=99.5%'", "'rate>100%'")[0]).toMatch(/invalid SLO "rate>100%": .*no measurement can meet it/);
  expect(slo("'p(50)<500ms'", "'p(50)<-500ms'")[0]).toMatch(
    /^16:expect\.slo\.attach_latency invalid SLO "p\(50\)<-500ms": .*a latency is 0 or more/,
  );
  expect(slo("'p(50)<500ms'", "'p(95)<0ms'")[0]).toMatch(/invalid SLO "p\(95\)<0ms": .*no measurement can meet it/);
  expect(slo("'p(50)<500ms'", "'avg>=0ms'")[0]).toMatch(/holds whatever is measured/);
  expect(slo("'rate>=99.5%'", "'count>=-1'")[0]).toMatch(/a count is a whole number, 0 or more/);
  expect(slo("'rate>=99.5%'", "'count==2.5'")[0]).toMatch(/a count is a whole number, 0 or more/);
  // Still fine: edges that can both hold and fail.
  for (const ok of ["'rate>=100%'", "'rate<=0%'", "'rate==50%'", "'count>=1'", "'count==0'"]) expect(slo("'rate>=99.5%'", ok)).toEqual([]);
  for (const ok of ["'p(100)<=0ms'", "'p(0)<1ms'", "'max<2s'"]) expect(slo("'p(50)<500ms'", ok)).toEqual([]);
});

test('networks outside the reference data, or that do not roam, are refused where the world names them', () => {
  expect(brief(SPEC.replace(/208-01/g, '999-99'))).toEqual([
    '7:world.visited[0].plmn 999-99 does not roam: MCC 999 is for internal use in private networks. Use a public network, e.g. 208-01, or the test network 001-01',
  ]);
  const unlisted = brief(SPEC.replace(/208-01/g, '208-99'));
  expect(unlisted).toHaveLength(1);
  expect(unlisted[0]).toMatch(/^7:world\.visited\[0\]\.plmn 208-99 is not in the MCC\/MNC reference data.* 208-01 \(Orange\)/);
  expect(brief(SPEC.replace(/262-01/g, '262-55'))[0]).toMatch(/^5:world\.home\.plmn 262-55 is not in the MCC\/MNC reference data/);
  // The test network is for labs.
  expect(brief(SPEC.replace(/208-01/g, '001-01'))).toEqual([]);
});

test('roam validate: an empty file is invalid, and a 50 MB file is refused by its size without being read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roam-hard-'));
  try {
    writeFileSync(join(dir, 'empty.roam.yaml'), '# written later\n');
    const empty = await runRoam(['validate', '*.roam.yaml'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('empty.roam.yaml:1:1  (document)  the file has no scenario or drill');
    expect(empty.stdout).not.toContain('Valid');

    rmSync(join(dir, 'empty.roam.yaml'));
    // Sparse: the size is there, the bytes are not, so only a size check can be quick about it.
    writeFileSync(join(dir, 'huge.roam.yaml'), '');
    const { truncateSync } = await import('node:fs');
    truncateSync(join(dir, 'huge.roam.yaml'), 50 * 1024 * 1024);
    const { problems } = await validateSpecFiles(['huge.roam.yaml'], dir);
    expect(problems).toEqual([
      {
        code: 'spec_too_large',
        message: 'the file is 50.0 MiB; a spec file is at most 256 KiB: split it into several files',
        path: '',
        location: { file: 'huge.roam.yaml', line: 1, column: 1 },
      },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('roam run with two tests of one title in a file fails before running, at the YAML line of the second', async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'roam-hard-dup-'));
  try {
    writeFileSync(join(dir, 'twice.roam.yaml'), `${SPEC}---\n${SPEC}`);
    const validate = await runRoam(['validate', 'twice.roam.yaml'], { cwd: dir });
    expect(validate.code).toBe(2);
    expect(validate.stderr).toContain(
      'twice.roam.yaml:19:11  scenario  the title "HARD-01: A German roamer attaches in France" is already used at line 1',
    );
    const run = await runRoam(['run', 'twice.roam.yaml'], { cwd: dir, env: { CI: '', FORCE_COLOR: '0', NO_COLOR: '1' } });
    expect(run.code).toBe(2);
    expect(run.output).toContain('twice.roam.yaml:19:11  scenario  the title "HARD-01: A German roamer attaches in France" is already used');
    expect(run.output).not.toMatch(/duplicate test title/i);
  } finally {
    rmSync(join(dir), { recursive: true, force: true });
  }
});

import { test, expect } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRoam } from './support/roam-cli.js';

// How `roam` answers what it does not understand: no command, an unknown
// option, a typo of a command or a flag; and how its lists fit a terminal.

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roam-usage-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('roam with no command prints the help on stderr and exits 2, as a usage error', async () => {
  const bare = await runRoam([], { cwd: dir });
  expect(bare.code).toBe(2);
  expect(bare.stdout).toBe('');
  expect(bare.stderr).toMatch(/^\[roam\] No command given\.\n\nroam: roaming checks/);
  expect(bare.stderr).toContain('Usage: roam <command> [options]');
  const help = await runRoam(['help'], { cwd: dir });
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('Usage: roam <command> [options]');
});

test('an unknown option before any command is named as an option, with the nearest one', async () => {
  const bogus = await runRoam(['--bogus'], { cwd: dir });
  expect(bogus.code).toBe(2);
  expect(bogus.stdout).toBe('');
  expect(bogus.stderr).toBe(
    '[roam] Failed to run roam: unknown option --bogus; roam takes a command first. Run "roam help" for the commands ' +
      '(run, validate, drill, lab, subscribers, events, tap, report, evidence, certify, contracts, merge, toxiproxy, demo) and the options (--help, --version).\n',
  );
  expect((await runRoam(['--verison'], { cwd: dir })).stderr).toContain(
    'unknown option --verison; roam takes a command first. Did you mean "--version"?',
  );
  // A command typed as a flag is pointed at the command.
  expect((await runRoam(['--validate'], { cwd: dir })).stderr).toContain('Did you mean "validate"?');
});

test('a mistyped command, subcommand or flag gets "did you mean", one line, exit 2', async () => {
  const command = await runRoam(['valdiate', 'specs'], { cwd: dir });
  expect(command.code).toBe(2);
  expect(command.stderr).toMatch(
    /^\[roam\] Failed to run roam valdiate: there is no command "valdiate"\. Did you mean "validate"\? Run "roam help"/,
  );
  const sub = await runRoam(['evidence', 'biuld'], { cwd: dir });
  expect(sub.code).toBe(2);
  expect(sub.stderr).toContain('unknown subcommand "biuld"; it is keygen, build, countersign or verify. Did you mean "build"?');
  const flag = await runRoam(['subscribers', 'generate', '--cuont', '3'], { cwd: dir });
  expect(flag.code).toBe(2);
  expect(flag.stderr).toBe(
    `[roam] Failed to run roam subscribers generate: Unknown option '--cuont'. Did you mean "--count"? Run "roam subscribers generate --help" for the options.\n`,
  );
  const help = await runRoam(['help', 'valdate'], { cwd: dir });
  expect(help.code).toBe(2);
  expect(help.stderr).toContain('Did you mean "validate"?');
});

test('files and arguments that are wrong are refused before any work, in words, exit 2', async () => {
  const expectRefused = async (args: string[], message: string) => {
    const run = await runRoam(args, { cwd: dir });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\bE[A-Z]{3,}\b/);
  };
  // Before the drill runs (it would take seconds), not after.
  await expectRefused(
    ['drill', 'hlr-partition', '--json', join(dir, 'nowhere', 'report.json')],
    `the folder ${join(dir, 'nowhere')} does not exist`,
  );
  await expectRefused(['drill', 'hlr-partition', '--json', dir], `--json ${dir} is a folder; give a file`);
  await expectRefused(['certify'], 'no --role: give the role of the implementation under test, one of hlr, vlr, billing');
  await expectRefused(['certify', '--role', 'hlr', '--target', 'builtin', '--baseline', 'nope.json'], '--baseline nope.json: no such file');
  await expectRefused(['tap', 'decode', 'nope'], 'Failed to read TAP file nope: no such file or folder');
  await expectRefused(['tap', 'decode', dir], 'it is a folder, not a file');
  await expectRefused(['lab', 'up', '--config', 'nothere.yaml'], 'Failed to load lab config nothere.yaml: no such file or folder');
  // A negative number reads as a flag to Node's parser: one line saying how to write it.
  await expectRefused(
    ['subscribers', 'generate', '--count', '-5'],
    '--count is followed by "-5", which reads as a flag; to give a value that starts with "-", write --count=-5',
  );
  await expectRefused(['subscribers', 'generate', '--count=-5'], '--count is "-5", not a whole number from 0 to 1000000');
  const help = await runRoam(['help', '--help'], { cwd: dir });
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('Usage: roam <command> [options]');
});

test('the validate summary and the help fit the width: $COLUMNS when not a terminal, whole lines without it', async () => {
  mkdirSync(join(dir, 'specs'));
  writeFileSync(
    join(dir, 'specs', 'attach-in-france.roam.yaml'),
    'scenario: x\nworld:\n  home: { plmn: 262-01 }\nsubscribers:\n  travellers: { count: one, home: 262-01 }\nsteps:\n  - attach: { who: travellers, visited: 208-1 }\n',
  );
  const whole = await runRoam(['validate', 'specs/*.roam.yaml'], { cwd: dir });
  expect(whole.code).toBe(2);
  expect(whole.stderr.split('\n').some((line) => line.length > 80)).toBe(true);
  const fitted = await runRoam(['validate', 'specs/*.roam.yaml'], { cwd: dir, env: { COLUMNS: '80' } });
  expect(fitted.code).toBe(2);
  for (const line of fitted.stderr.trimEnd().split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  // The same words, only broken differently.
  const words = (text: string) => text.split(/\s+/).filter(Boolean);
  expect(words(fitted.stderr)).toEqual(words(whole.stderr));

  const help = await runRoam(['help'], { cwd: dir, env: { COLUMNS: '72' } });
  for (const line of help.stdout.trimEnd().split('\n')) expect(line.length, line).toBeLessThanOrEqual(72);
  expect(words(help.stdout)).toEqual(words((await runRoam(['help'], { cwd: dir })).stdout));
});

import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tarGz, type TarEntry } from '../../tests/support/evidence-fixtures.js';
import { verifyEvidence } from './verify-evidence.js';

// An archive is read as a stream and judged entry by entry before anything of it is kept:
// links, devices, FIFOs, escaping paths and sizes past the limits stop it at once.
// Most archives here are cut short after the offending header: had the reader gone on
// (or unpacked), it would have met the cut and failed with another reason.

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roam-evidence-limits-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

function archive(entries: readonly TarEntry[], options: Parameters<typeof tarGz>[1] = {}): string {
  const path = join(dir, `a-${Math.random().toString(36).slice(2)}.tar.gz`);
  writeFileSync(path, tarGz(entries, options));
  return path;
}
const fine = { path: 'run-1/run.json', body: '{}' };

for (const [type, kind, extra] of [
  ['2', 'a symbolic link', { linkTarget: '/etc/passwd' }],
  ['1', 'a hard link', { linkTarget: 'run-1/run.json' }],
  ['3', 'a character device', {}],
  ['4', 'a block device', {}],
  ['6', 'a FIFO', {}],
] as const) {
  test(`an archive holding ${kind} is refused at that entry`, async () => {
    const path = archive([fine, { path: 'run-1/results/x', type, ...extra }, { path: 'run-1/big', size: 1 << 20, body: 'cut' }], {
      truncated: true,
    });
    await expect(verifyEvidence(path)).rejects.toThrow(
      new RegExp(
        `^\\[roam\\] Failed to verify the evidence at .*: the archive holds ${kind} at run-1/results/x; an evidence bundle holds only files and folders\\. Do not trust it`,
      ),
    );
  });
}

test('an entry claiming 2 GiB is refused at its header, before its data is read', async () => {
  const path = archive([fine, { path: 'run-1/results/huge.json', size: 2 ** 31, body: 'x'.repeat(1000) }], { truncated: true });
  await expect(verifyEvidence(path)).rejects.toThrow(
    /the archive's file run-1\/results\/huge\.json is 2048\.0 MiB, past the limit of 256\.0 MiB per file/,
  );
});

test('the running total is checked at each header: the entry that would pass the limit stops the read', async () => {
  const entries = [fine, ...[1, 2, 3].map((n) => ({ path: `run-1/results/${n}.bin`, body: Buffer.alloc(400 * 1024) }))];
  const path = archive([...entries, { path: 'run-1/results/4.bin', size: 400 * 1024, body: 'cut' }], { truncated: true });
  await expect(verifyEvidence(path, { limits: { maxTotalBytes: 1 << 20 } })).rejects.toThrow(
    /the archive unpacks past 1\.0 MiB \(at run-1\/results\/3\.bin\)\. Raise --max-size only for a bundle you expect to be that large/,
  );
});

test('too many files, too deep a path, an absolute path, a ".." path or a file given twice is refused', async () => {
  const many = archive(Array.from({ length: 12 }, (_, i) => ({ path: `run-1/f${i}`, body: 'x' })));
  await expect(verifyEvidence(many, { limits: { maxFiles: 10 } })).rejects.toThrow(/the archive holds more than 10 files/);
  const deep = archive([{ path: `run-1/${'d/'.repeat(40)}x.json`, body: '{}' }]);
  await expect(verifyEvidence(deep)).rejects.toThrow(/is nested deeper than 32 folders/);
  for (const [path, why] of [
    ['/etc/cron.d/evil', 'an absolute path'],
    ['run-1/../../evil', 'a ".." segment'],
  ] as const) {
    await expect(verifyEvidence(archive([fine, { path, body: 'x' }]))).rejects.toThrow(
      new RegExp(`the archive's entry ${path.replace(/[./]/g, '\\$&')} has ${why}; an evidence bundle holds only paths inside it`),
    );
  }
  await expect(verifyEvidence(archive([fine, fine]))).rejects.toThrow(/the archive holds run-1\/run\.json twice/);
});

test('a gzip stream that inflates past the limit after the tar ends is stopped there', async () => {
  const path = archive([fine], { trailingZeros: 8 << 20 });
  await expect(verifyEvidence(path, { limits: { maxTotalBytes: 1 << 20 } })).rejects.toThrow(/the archive unpacks past 1\.0 MiB/);
});

test('a stream that inflates hundreds of times is stopped once past 32 MiB, long before the size limit', async () => {
  const path = archive([fine, { path: 'run-1/results/zeros.bin', size: 200 << 20, body: Buffer.alloc(40 << 20) }], { truncated: true });
  await expect(verifyEvidence(path)).rejects.toThrow(
    /the archive inflates more than 100 times \(0\.\d MiB to past 3\d\.\d MiB\)\. Raise --max-inflation only/,
  );
  // Allowed to inflate that much, it is read on, and found cut short.
  await expect(verifyEvidence(path, { limits: { maxInflation: 100_000 } })).rejects.toThrow(/the archive is damaged/);
});

test('what is not a gzipped tar, or an empty one, is refused', async () => {
  writeFileSync(join(dir, 'junk.tar.gz'), 'not an archive at all');
  await expect(verifyEvidence(join(dir, 'junk.tar.gz'))).rejects.toThrow(/it is not a gzipped tar archive/);
  await expect(verifyEvidence(archive([]))).rejects.toThrow(/the archive is empty, or not a tar archive/);
});

test('a bundle folder holding a symbolic link or a FIFO is refused', async () => {
  mkdirSync(join(dir, 'bundle'));
  writeFileSync(join(dir, 'bundle', 'manifest.json'), '{}');
  symlinkSync('/etc/passwd', join(dir, 'bundle', 'passwd'));
  await expect(verifyEvidence(join(dir, 'bundle'))).rejects.toThrow(
    /the bundle holds a symbolic link at passwd; an evidence bundle holds only files and folders/,
  );
  rmSync(join(dir, 'bundle', 'passwd'));
  try {
    execFileSync('mkfifo', [join(dir, 'bundle', 'pipe')], { stdio: 'ignore' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    test.skip(true, 'mkfifo is not available (coreutils)');
  }
  await expect(verifyEvidence(join(dir, 'bundle'))).rejects.toThrow(/the bundle holds a FIFO at pipe/);
});

/**
 * Milenage on node:crypto: authentication vectors per second on one core,
 * the way an AuC makes them (a SendAuthInfo batch of 5 and one at a time),
 * the raw functions, and the SIM's side of a challenge.
 *
 * @module
 */
import { cpus, loadavg } from 'node:os';
import { AuthenticationCentre, Milenage, TS_35_208_TEST_SETS, Usim, milenage } from '../simulator/index.js';
import { formatSpread, spread, type Benchmark, type BenchMode, type BenchRow, type BenchTarget, type Spread } from './harness.js';

const SETTINGS: Record<BenchMode, { runs: number; runMs: number }> = {
  quick: { runs: 3, runMs: 300 },
  full: { runs: 9, runMs: 1500 },
};

const TARGET = 100_000;

/** Vectors per second of this process's CPU time (one core: AES runs on the main thread) and of wall time. */
interface Rate {
  readonly cpu: number;
  readonly wall: number;
}

/** Runs `once` (which makes `per` vectors) for `ms` of wall time and returns its rates. */
function rate(ms: number, per: number, once: () => void): Rate {
  for (let i = 0; i < 200; i++) once(); // warm up the JIT
  let made = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 50; i++) once();
    made += 50 * per;
    now = performance.now();
  }
  const cpu = process.cpuUsage(cpuStart);
  return { cpu: made / ((cpu.user + cpu.system) / 1e6), wall: made / ((now - start) / 1000) };
}

export const benchmark: Benchmark = {
  name: 'milenage',
  title: 'Milenage: authentication vectors per second',
  method:
    'Vectors per second on one core, counted against this process’s CPU time (node:crypto runs AES synchronously on the main thread), with the wall-time rate beside it: each variant runs back to back for a fixed time after a JIT warm-up, repeated, and reported as the median with min and max. A vector is RAND, XRES, CK, IK, AUTN, SRES and Kc as hex, with a fresh SQN; RANDs come from crypto.randomBytes, drawn 4 KB at a time. An AuC makes vectors for a SendAuthInfo in a batch: two AES calls for the whole batch (all TEMPs, then all OUT1–OUT5 blocks), since a call into OpenSSL costs more than the block it encrypts. Before measuring, the code is checked against TS 35.208 test set 1.',
  async run(mode: BenchMode) {
    const { runs, runMs } = SETTINGS[mode];
    const set = TS_35_208_TEST_SETS[0]!;
    const check = milenage.vector({ k: set.k, op: set.op, rand: set.rand, sqn: set.sqn, amf: set.amf });
    if (check.xres !== set.f2 || !check.autn.endsWith(set.f1))
      throw new Error('[roam] Failed to benchmark Milenage: test set 1 does not verify. Run the Milenage tests.');

    const variants: { name: string; per: number; make: () => () => void }[] = [
      {
        name: 'AuC, SendAuthInfo batch of 5 (AuthenticationCentre.generate(5))',
        per: 5,
        make: () => {
          const auc = new AuthenticationCentre(set.k, set.opc);
          return () => void auc.generate(5);
        },
      },
      {
        name: 'AuC, one vector at a time (generate(1))',
        per: 1,
        make: () => {
          const auc = new AuthenticationCentre(set.k, set.opc);
          return () => void auc.generate(1);
        },
      },
      {
        name: 'raw f1, f1*, f2–f5, f5* as bytes (Milenage.all)',
        per: 1,
        make: () => {
          const m = new Milenage(set.k, set.opc);
          const rand = Buffer.from(set.rand, 'hex');
          const sqn = Buffer.from(set.sqn, 'hex');
          const amf = Buffer.from(set.amf, 'hex');
          return () => void m.all(rand, sqn, amf);
        },
      },
      {
        name: 'SIM side: check AUTN, answer RES (Usim.authenticate)',
        per: 1,
        make: () => {
          const auc = new AuthenticationCentre(set.k, set.opc);
          const vectors = auc.generate(5);
          // A fresh SIM per round, so every challenge is fresh and answered in full.
          let usim = new Usim(set.k, set.opc);
          let i = 0;
          return () => {
            if (i === vectors.length) {
              usim = new Usim(set.k, set.opc);
              i = 0;
            }
            const v = vectors[i++]!;
            usim.authenticate(v.rand, v.autn);
          };
        },
      },
    ];

    const results: { name: string; spread: Spread; wall: Spread }[] = [];
    const loadBefore = loadavg()[0]!;
    for (const variant of variants) {
      const values: Rate[] = [];
      for (let r = 0; r < runs; r++) values.push(rate(runMs, variant.per, variant.make()));
      results.push({ name: variant.name, spread: spread(values.map((v) => v.cpu)), wall: spread(values.map((v) => v.wall)) });
    }
    const loadAfter = loadavg()[0]!;

    const rows: BenchRow[] = results.map(({ name, spread: s, wall }) => ({
      variant: name,
      'vectors per CPU-second, median (min–max)': formatSpread(s, 0),
      'CPU µs per vector': (1e6 / s.median).toFixed(2),
      'vectors per wall-second, median': Math.round(wall.median),
    }));
    const batch = results[0]!.spread;
    const single = results[1]!.spread;
    const targets: BenchTarget[] = [
      {
        name: 'Milenage vectors/s on one core (AuC batch of 5, as SendAuthInfo asks)',
        target: `>= ${TARGET.toLocaleString('en')}`,
        measured: Math.round(batch.median).toLocaleString('en'),
        met: batch.median >= TARGET,
        ...(batch.median < TARGET
          ? { note: 'each vector is two AES calls into OpenSSL (about 2 µs each) plus encoding; batching shares the calls' }
          : {}),
      },
      {
        name: 'Milenage vectors/s on one core (one at a time)',
        target: `>= ${TARGET.toLocaleString('en')}`,
        measured: Math.round(single.median).toLocaleString('en'),
        met: single.median >= TARGET,
        ...(single.median < TARGET
          ? {
              note: 'one vector per call pays the fixed cost of two calls into OpenSSL (TEMP, then OUT1–OUT5) for one vector; batching shares it',
            }
          : {}),
      },
    ];
    return {
      rows,
      targets,
      notes: [
        `Runs: ${runs} × ${runMs} ms of wall time per variant. “On one core” is measured as vectors per second of this process’s CPU time (user + system; AES runs synchronously on the main thread), which does not depend on what else runs on the machine. The wall-time rate does: the load average (1 min) was ${loadBefore.toFixed(2)} before and ${loadAfter.toFixed(2)} after on ${cpus().length} cores.`,
        'Correctness is not measured here: every TS 35.208 test set (1–20) and its cross-check with osmo-auc-gen are in simulator/auth/milenage.test.ts.',
      ],
    };
  },
};

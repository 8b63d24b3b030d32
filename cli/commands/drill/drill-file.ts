import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { readDuration } from '../../../core/duration.js';
import { CliError } from '../../command.js';

// Milliseconds, or the one duration grammar (core/duration.ts), whose reason is the message.
const Duration = z.union([z.number(), z.string()]).superRefine((value, ctx) => {
  const problem = readDuration(value).problem;
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * A drill as a file (`roam drill drill.yaml`): a world, attach load on it,
 * faults on its links, and the steady state ("fresh attaches register",
 * or also "their charging start reaches billing"). Faults are written as
 * `ChaosNetwork#inject` takes them, plus `at`/`for` on the timeline.
 */
export const DrillFileSchema = z.strictObject({
  title: z.string().min(1),
  world: z
    .strictObject({
      home: z.array(z.string()).min(1).optional(),
      visited: z.array(z.string()).min(1).optional(),
      seed: z.number().int().min(0).optional(),
    })
    .optional(),
  load: z.strictObject({
    /** Where the load attaches (default: the world's first visited network). */
    visited: z.string().optional(),
    ratePerSecond: z.number().positive().max(1000),
    for: Duration,
    /** How many subscribers take turns (default 20). */
    subscribers: z.number().int().min(1).max(10_000).optional(),
    concurrency: z.number().int().min(1).max(256).optional(),
  }),
  steadyState: z
    .strictObject({
      /** `attach`: a fresh attach registers; `charging`: and its ChargingStart reaches the home billing. */
      probe: z.enum(['attach', 'charging']).optional(),
      /** On the share of `samples` probe attaches that met it, e.g. `'>= 0.99'`. */
      tolerance: z.union([z.string(), z.number()]).optional(),
      samples: z.number().int().min(1).max(50).optional(),
    })
    .optional(),
  faults: z
    .array(
      z.looseObject({
        at: Duration,
        for: Duration,
        link: z.string().min(1),
        type: z.string().min(1),
        label: z.string().optional(),
        ramp: z.strictObject({ field: z.string(), from: z.number(), to: z.number(), steps: z.number().int().min(2).optional() }).optional(),
      }),
    )
    .min(1),
  recovery: z.strictObject({ pollEvery: Duration.optional(), timeout: Duration.optional() }).optional(),
});

/** A drill file as read. */
export type DrillFile = z.output<typeof DrillFileSchema>;

/** Reads and checks a drill file. @throws {CliError} naming the file and each problem's path. */
export function loadDrillFile(file: string): DrillFile {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message.split('\n')[0];
    throw new CliError(`load drill ${file}`, String(reason), 'Give a drill name (roam drill --list) or a readable YAML file', 2);
  }
  return checkDrillFile(data, file);
}

/** Checks parsed drill data. */
export function checkDrillFile(data: unknown, file: string): DrillFile {
  const parsed = DrillFileSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (i) =>
      `${
        i.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '') || '(top level)'
      } ${i.message.replace(/^Invalid input: /, '')}`,
  );
  throw new CliError(`load drill ${file}`, problems.join('; '), 'Fix the file', 2);
}

/** The drills `roam drill <name>` knows, for a world with home `h` and visited `v`. */
export function builtInDrills(h = '262-01', v = '208-01'): Record<string, DrillFile> {
  const load = { visited: v, ratePerSecond: 10, for: '6s', subscribers: 20 };
  return {
    'hlr-partition': {
      title: `Inter-PLMN partition: vlr:${v} cannot reach hlr:${h}`,
      load,
      steadyState: { probe: 'attach', tolerance: '>= 0.99', samples: 3 },
      faults: [{ at: '1s', for: '2s', link: `vlr:${v} -> hlr:${h}`, type: 'partition', mode: 'refused' }],
      recovery: { pollEvery: '200ms', timeout: '10s' },
    },
    'billing-outage': {
      title: `Billing outage: vlr:${v} cannot reach billing:${h}`,
      load,
      steadyState: { probe: 'charging', tolerance: '>= 0.99', samples: 3 },
      faults: [{ at: '1s', for: '2s', link: `vlr:${v} -> billing:${h}`, type: 'partition', mode: 'refused' }],
      recovery: { pollEvery: '200ms', timeout: '10s' },
    },
    'grx-latency': {
      title: `GRX latency ramp on vlr:${v} -> hlr:${h}`,
      load,
      steadyState: { probe: 'attach', tolerance: '>= 0.99', samples: 3 },
      faults: [
        { at: '1s', for: '3s', link: `vlr:${v} -> hlr:${h}`, type: 'latency', ms: 50, ramp: { field: 'ms', from: 50, to: 400, steps: 4 } },
      ],
      recovery: { pollEvery: '200ms', timeout: '10s' },
    },
  };
}

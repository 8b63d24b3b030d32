/**
 * Checks a drill definition before anything runs: structure (zod), every
 * duration, every tolerance, and every fault against the target (unknown
 * link, bad field). The first problem fails the drill naming its field,
 * e.g. `method[1].for`.
 *
 * @module
 */
import { parseDuration, readDuration } from '../../core/duration.js';
import { z } from 'zod';
import { ChaosError } from '../chaos-error.js';
import type { FaultSpec } from '../faults/fault-spec.js';
import type { DrillDefinition, DrillProbe, DrillRollback, DrillTarget, FaultRamp, LoadStep } from './drill-definition.js';
import { compileTolerance, type CompiledTolerance } from './tolerance.js';
import { ARRIVAL_PATTERNS, type ArrivalPattern } from './arrivals.js';

/** A probe with its tolerance compiled. */
export interface CheckedProbe extends Omit<DrillProbe, 'tolerance'> {
  readonly tolerance: CompiledTolerance;
}

/** A fault step with times in ms. */
export interface CheckedFaultStep {
  readonly index: number;
  readonly atMs: number;
  readonly forMs: number;
  readonly fault: FaultSpec;
  readonly ramp: Required<FaultRamp> | undefined;
  readonly label: string | undefined;
}

/** A load step with times in ms. */
export interface CheckedLoadStep {
  readonly index: number;
  readonly atMs: number;
  readonly forMs: number;
  readonly load: LoadStep['load'];
}

/** A drill, checked and normalised. */
export interface CheckedDrill {
  readonly title: string;
  readonly probes: readonly CheckedProbe[];
  readonly faults: readonly CheckedFaultStep[];
  readonly loads: readonly CheckedLoadStep[];
  readonly rollbacks: readonly DrillRollback[];
  readonly pollEveryMs: number;
  readonly recoveryTimeoutMs: number;
}

/** Fault types whose strength can change while they run. */
const TUNABLE: readonly string[] = ['latency', 'loss', 'bandwidth', 'slow-close', 'reset'];

/** The longest a drill's method (and its recovery wait) may run: 30 minutes. */
export const MAX_DRILL_MS = 30 * 60_000;

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', { message: 'not a function' });
// The one duration grammar, with its reason (negative, over 31 days, not a duration) as the message.
const duration = z.custom<number | string>().superRefine((value, ctx) => {
  const problem = readDuration(value).problem;
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});
const tolerance = z.custom((v) => compileTolerance(v as never) !== undefined, {
  message: "not a tolerance (give e.g. '>= 0.99', '< 500', true, { min, max }, or a predicate)",
});
const probeSchema = z.object({ name: z.string().min(1), probe: fn, tolerance }).strict();
const faultStepSchema = z
  .object({
    at: duration,
    for: duration,
    fault: z.looseObject({ link: z.string().min(1), type: z.string().min(1) }),
    ramp: z
      .object({ field: z.string().min(1), from: z.number(), to: z.number(), steps: z.number().int().min(1).optional() })
      .strict()
      .optional(),
    label: z.string().optional(),
  })
  .strict();
const rate = z.number().positive().max(10_000);
const loadStepSchema = z
  .object({
    at: duration,
    for: duration,
    load: z
      .object({
        name: z.string().min(1),
        ratePerSecond: z
          .union([rate, z.object({ from: z.number().min(0).max(10_000), to: z.number().min(0).max(10_000) }).strict()])
          .optional(),
        arrivals: z.enum(ARRIVAL_PATTERNS as [ArrivalPattern, ...ArrivalPattern[]]).optional(),
        seed: z.number().int().optional(),
        users: z.number().int().min(1).max(10_000).optional(),
        think: duration.optional(),
        run: fn,
        concurrency: z.number().int().min(1).optional(),
      })
      .strict()
      .refine((load) => (load.ratePerSecond === undefined) !== (load.users === undefined), {
        message: 'give either ratePerSecond (an open model) or users (a closed model), not both',
        path: ['ratePerSecond'],
      }),
  })
  .strict();
const drillSchema = z
  .object({
    title: z.string().min(1),
    steadyState: z.object({ title: z.string().optional(), probes: z.array(probeSchema).min(1) }).strict(),
    method: z.array(z.looseObject({})).min(1),
    rollbacks: z.array(z.object({ name: z.string().min(1), run: fn }).strict()).optional(),
    recovery: z.object({ pollEvery: duration.optional(), timeout: duration.optional() }).strict().optional(),
  })
  .strict();

/**
 * Checks a drill against its target; injects nothing.
 *
 * @throws {ChaosError} `ROAM_CHAOS_BAD_DRILL`, naming the field
 * @example
 * ```ts
 * const checked = checkDrill(drill, world.chaos);
 * ```
 */
export function checkDrill(definition: DrillDefinition, target: DrillTarget): CheckedDrill {
  const title = typeof definition?.title === 'string' ? definition.title : '(untitled)';
  const fail = (field: string, cause: string): never => {
    throw new ChaosError(
      'ROAM_CHAOS_BAD_DRILL',
      `run drill ${JSON.stringify(title)}`,
      `${field} ${cause}`,
      'Fix the drill definition; nothing was injected',
    );
  };
  const validate = <T>(schema: z.ZodType<T>, value: unknown, prefix: string): T => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const issue = result.error.issues[0]!;
    const path = [prefix, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('').replace(/^\./, '');
    const input = issue.path.reduce<unknown>((v, key) => (v as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey], value);
    const shown = input === undefined ? 'missing' : `is ${typeof input === 'function' ? 'a function' : JSON.stringify(input)}`;
    return fail(
      path || 'the drill',
      issue.code === 'unrecognized_keys' ? `has unknown field(s) ${issue.keys.join(', ')}` : `${shown}: ${issue.message}`,
    );
  };

  validate(drillSchema, definition, '');
  const faults: CheckedFaultStep[] = [];
  const loads: CheckedLoadStep[] = [];
  definition.method.forEach((step, index) => {
    const at = `method[${index}]`;
    if ('fault' in step) {
      const checked = validate(faultStepSchema, step, at);
      const spec = checked.fault as unknown as FaultSpec;
      checkFault(target, spec, `${at}.fault`, fail);
      const ramp = checked.ramp && { ...checked.ramp, steps: checked.ramp.steps ?? 5 };
      if (ramp && !TUNABLE.includes(spec.type))
        fail(`${at}.ramp`, `cannot change a ${spec.type} fault; ramps work on ${TUNABLE.join(', ')}`);
      if (ramp) {
        for (const value of [ramp.from, ramp.to]) checkFault(target, { ...spec, [ramp.field]: value } as FaultSpec, `${at}.ramp`, fail);
      }
      faults.push({ index, atMs: parseDuration(checked.at), forMs: parseDuration(checked.for), fault: spec, ramp, label: checked.label });
    } else if ('load' in step) {
      validate(loadStepSchema, step, at);
      loads.push({ index, atMs: parseDuration(step.at), forMs: parseDuration(step.for), load: step.load });
    } else {
      fail(at, 'has neither fault nor load');
    }
  });
  // A drill is bounded so a typo (1h for 1s) cannot hold a CI job for hours.
  const endMs = Math.max(0, ...faults.map((f) => f.atMs + f.forMs), ...loads.map((l) => l.atMs + l.forMs));
  if (endMs > MAX_DRILL_MS) {
    fail(
      'method',
      `runs for ${Math.round(endMs / 1000)} s, longer than the limit of ${MAX_DRILL_MS / 60_000} minutes (faults and loads end at at + for)`,
    );
  }
  const recoveryTimeoutMs = parseDuration(definition.recovery?.timeout ?? 10_000);
  if (recoveryTimeoutMs > MAX_DRILL_MS)
    fail('recovery.timeout', `is ${Math.round(recoveryTimeoutMs / 1000)} s, longer than the limit of ${MAX_DRILL_MS / 60_000} minutes`);
  return {
    title,
    probes: definition.steadyState.probes.map((p) => ({ ...p, tolerance: compileTolerance(p.tolerance)! })),
    faults,
    loads,
    rollbacks: definition.rollbacks ?? [],
    pollEveryMs: Math.max(1, parseDuration(definition.recovery?.pollEvery ?? 100)),
    recoveryTimeoutMs,
  };
}

function checkFault(target: DrillTarget, spec: FaultSpec, field: string, fail: (field: string, cause: string) => never): void {
  try {
    target.checkFault(spec);
  } catch (error) {
    if (!(error instanceof ChaosError)) return fail(field, `is not valid: ${(error as Error).message}`);
    if (error.code === 'ROAM_CHAOS_UNKNOWN_LINK' || error.code === 'ROAM_CHAOS_BAD_LINK_NAME') {
      return fail(`${field}.link`, `is ${JSON.stringify(spec.link)}: ${error.reason} (${error.hint})`);
    }
    // Fault errors start with the field they are about: "percent is 120, over 100".
    const named = /^([\w.]+) (is .*)$/.exec(error.reason);
    return named ? fail(`${field}.${named[1]}`, named[2]!) : fail(field, error.reason);
  }
}

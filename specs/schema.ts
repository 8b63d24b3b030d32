import { z } from 'zod';
import { isPlmnId } from '../simulator/plmn.js';
import { parseSlo } from '../simulator/statistics/slo.js';
import { parseDuration } from './duration.js';

const PlmnId = z.string().refine(isPlmnId, { message: 'expected a PLMN id such as 262-01 (MCC, dash, MNC)' });

/** A duration such as `40ms` or `1.5s`, as milliseconds. */
export const Duration = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected a duration such as 40ms, 1.5s or 2m, got ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return ms;
});

const SloString = z.string().superRefine((text, ctx) => {
  try {
    parseSlo(text);
  } catch (error) {
    const index = (error as { index?: number }).index ?? 0;
    const expected = /expected (.*)$/.exec((error as Error).message.split('\n')[0]!)?.[1] ?? 'a threshold';
    ctx.addIssue({ code: 'custom', message: `invalid SLO ${JSON.stringify(text)}: at character ${index + 1}, expected ${expected}` });
  }
});

const Agreement = z.union([z.literal('none'), z.strictObject({ tariff: z.string().default('standard') })]);

const World = z.strictObject({
  home: z.strictObject({ plmn: PlmnId }),
  visited: z.array(z.strictObject({ plmn: PlmnId, agreement: Agreement.default({ tariff: 'standard' }) })).min(1),
  hlr: z.enum(['mock', 'osmo-hlr']).default('mock'),
});

const SubscriberGroup = z.strictObject({
  count: z.number().int().min(1).max(10_000).default(1),
  home: PlmnId.optional(),
  profile: z.enum(['consumer', 'business', 'iot']).default('consumer'),
  seed: z.number().int().optional(),
});

const LinkCondition = z.strictObject({
  latency: Duration.optional(),
  jitter: Duration.optional(),
  direction: z.enum(['forward', 'reverse', 'both']).default('forward'),
});

const AttachStep = z.strictObject({ attach: z.strictObject({ who: z.string(), visited: PlmnId }) });

/** One step of a scenario. */
export const Step = AttachStep;

/** A scenario: a world, who is in it, what they do and what must hold. */
export const Scenario = z.strictObject({
  scenario: z.string().min(1),
  id: z.string().min(1).optional(),
  tags: z.array(z.string().regex(/^[\w-]+$/, 'expected a tag of letters, digits, _ or -')).default([]),
  severity: z.enum(['blocker', 'critical', 'normal', 'minor', 'trivial']).default('normal'),
  world: World,
  subscribers: z.record(z.string().regex(/^[A-Za-z][\w-]*$/, 'expected a group name such as travellers'), SubscriberGroup),
  links: z.record(z.string().regex(/^\S+ -> \S+$/, 'expected a link name such as "vlr:208-01 -> hlr:262-01"'), LinkCondition).default({}),
  steps: z.array(Step).min(1),
  expect: z
    .strictObject({
      transitions: z.strictObject({ attach: z.array(z.string()).min(1).optional() }).optional(),
      slo: z.partialRecord(z.enum(['attach_latency', 'attach_success']), z.union([SloString, z.array(SloString).min(1)])).optional(),
    })
    .default({}),
});

/** A scenario after validation and defaults. */
export type ScenarioSpec = z.output<typeof Scenario>;
/** A scenario as written. */
export type ScenarioInput = z.input<typeof Scenario>;

import { z } from 'zod';
import { TARIFFS } from '../simulator/policy/agreements.js';
import { formatDuration } from '../core/duration.js';
import { closest } from '../core/did-you-mean.js';
import { LinkFault, Step } from './schema-steps.js';
import { Duration, Percent, PlmnId, SloList } from './schema-values.js';
import { ElementSlot } from './schema-slots.js';

export { Duration, PlmnId, Rate, Bytes, Percent, SloString, parseRate } from './schema-values.js';
export { Step, LinkFault, STEP_KINDS, LOAD_PROCEDURES, type StepSpec, type LinkFaultSpec } from './schema-steps.js';

/** The longest test timeout: Playwright's timer, a Node timer, holds 24.8 days at most. */
const MAX_TEST_TIMEOUT_MS = 24 * 24 * 3_600_000;

const TariffName = z.enum(Object.keys(TARIFFS) as [string, ...string[]]).meta({ description: 'A tariff by name' });

const Agreement = z
  .union([z.literal('none'), z.strictObject({ tariff: TariffName.default('standard') })])
  .meta({ description: 'none: no roaming agreement (attach is rejected); otherwise the tariff its usage is rated with' });

/** A latency range such as `30-120ms` or `200-500ms ±10%` (jitter 10 % when omitted). */
const LatencyRangeText = z
  .string()
  .transform((text, ctx) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*ms(?:\s*±\s*(\d+(?:\.\d+)?)\s*%)?\s*$/.exec(text);
    if (!match || Number(match[1]) > Number(match[2]) || Number(match[3] ?? 10) > 100) {
      ctx.addIssue({ code: 'custom', message: `expected a latency range such as 30-120ms or 200-500ms ±10%, got ${JSON.stringify(text)}` });
      return z.NEVER;
    }
    return { minMs: Number(match[1]), maxMs: Number(match[2]), jitterPct: Number(match[3] ?? 10) };
  })
  .meta({ examples: ['30-120ms', '200-500ms ±10%'] });

/** Per-leg latencies of a network in virtual runs (the default model's figures for the legs left out). */
const LatencyProfileSpec = z
  .partialRecord(z.enum(['hlr', 'vlr', 'call-setup', 'handoff', 'handoff-cross-border', 'radio', 'billing', 'sms']), LatencyRangeText)
  .meta({ description: "Modelled latency per signalling leg in this network (virtual clock), e.g. { handoff: '30-120ms' }" });

const World = z
  .strictObject({
    home: z.strictObject({
      plmn: PlmnId,
      name: z.string().optional(),
      steering: z
        .strictObject({ preferred: z.array(PlmnId).min(1), maxRejects: z.number().int().min(0).max(10).optional() })
        .optional()
        .meta({ description: 'Steering of roaming: UpdateLocation from non-preferred networks is rejected' }),
    }),
    visited: z
      .array(
        z.strictObject({
          plmn: PlmnId,
          name: z.string().optional(),
          agreement: Agreement.default({ tariff: 'standard' }),
          latency: LatencyProfileSpec.optional(),
          vlr: ElementSlot('vlr', ['builtin'])
            .optional()
            .meta({ description: "This network's VLR/MME in networked runs: builtin (the default) or your own by URL (http(s)://)" }),
        }),
      )
      .min(1),
    hlr: ElementSlot('hlr', ['mock', 'builtin', 'osmo-hlr']).default('mock').meta({
      description: 'The home HLR/HSS of networked runs: mock (ours, the default), osmo-hlr, or your own by URL (http(s)://, gsup://)',
    }),
    billing: ElementSlot('billing', ['builtin']).optional().meta({
      description: 'The home billing system (OCS + CDR collector) of networked runs: builtin (the default) or your own by URL (http(s)://)',
    }),
    provisioning: z.enum(['admin', 'skip']).optional().meta({
      description:
        'How subscribers get into an HLR given by URL: admin (its admin contract or VTY, the default) or skip (you provision them)',
    }),
  })
  .meta({ title: 'World' });

const SubscriberGroup = z
  .strictObject({
    count: z.number().int().min(1).max(100_000).default(1),
    home: PlmnId.optional().meta({ description: "The world's home network when omitted" }),
    profile: z.enum(['consumer', 'business', 'iot']).default('consumer'),
    seed: z
      .number()
      .int()
      .optional()
      .meta({ description: 'Seeds the faker identities of the whole scenario (the first group with a seed wins)' }),
    roaming: z.boolean().default(true).meta({ description: 'false: the HLR refuses roaming for these subscribers' }),
    allowedNetworks: z
      .array(PlmnId)
      .optional()
      .meta({ description: 'Visited networks the HLR allows; all with an agreement when omitted' }),
    provisioned: z.boolean().default(true).meta({ description: 'false: SIMs the HLR does not know (IMSI_UNKNOWN)' }),
  })
  .meta({ title: 'SubscriberGroup' });

/** The metrics a scenario measures; SLO keys name one, optionally with tag filters. */
export const METRICS = [
  'attach_latency',
  'attach_success',
  'location_update_latency',
  'location_update_success',
  'call_setup_latency',
  'call_success',
  'handoff_latency',
  'handoff_success',
  'data_success',
  'sms_latency',
  'sms_success',
  'detach_latency',
  'detach_success',
] as const;

/** Tags every sample carries, for selectors such as `attach_latency{visited:208-01}`. */
export const SAMPLE_TAGS = ['visited', 'group', 'home', 'step', 'cross_border', 'phase'] as const;

const SloKey = z.string().superRefine((key, ctx) => {
  const match = /^([a-z_]+)(?:\{([^{}]*)\})?$/.exec(key);
  if (!match) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a metric with optional tag filters such as attach_latency{visited:208-01}, got ${JSON.stringify(key)}`,
    });
    return;
  }
  if (!(METRICS as readonly string[]).includes(match[1]!)) {
    const near = closest(match[1]!, METRICS);
    ctx.addIssue({
      code: 'custom',
      message: `unknown metric ${JSON.stringify(match[1])}; ${near ? `did you mean "${near}"? ` : ''}the metrics are ${METRICS.join(', ')}`,
    });
  }
  for (const pair of match[2]?.split(',') ?? []) {
    const [tag, value] = pair.split(':').map((s) => s.trim());
    if (!tag || !value || !(SAMPLE_TAGS as readonly string[]).includes(tag)) {
      ctx.addIssue({
        code: 'custom',
        message: `tag filter ${JSON.stringify(pair)} is not tag:value with a tag among ${SAMPLE_TAGS.join(', ')}`,
      });
    }
  }
});

/** SLOs by metric selector: `attach_latency: ['p(50)<300ms', 'p(95)<450ms']`. */
export const SloMap = z.record(SloKey, SloList).meta({
  description: 'SLOs by metric, with optional tag filters: attach_latency{visited:208-01}',
  propertyNames: { pattern: '^[a-z_]+(\\{[a-z_]+:[^,{}]+(,[a-z_]+:[^,{}]+)*\\})?$' },
});

const Transitions = z
  .strictObject({
    mode: z.enum(['exact', 'subsequence']).default('exact'),
    attach: z.array(z.string()).min(1).optional(),
    call: z.array(z.string()).min(1).optional(),
  })
  .meta({ description: 'State paths every attach (or call) must follow' });

const Expectations = z
  .strictObject({
    transitions: Transitions.optional(),
    slo: SloMap.optional(),
    billing: z
      .union([z.literal('reconciled'), z.strictObject({ unreconciled: z.literal(0), retried: z.boolean().optional() })])
      .optional()
      .meta({ description: 'reconciled: every usage record billed exactly once, at the agreement tariff' }),
    attachSuccessRate: Percent.optional().meta({ description: 'The least share of attaches that register, e.g. 99.5%' }),
    recovery: z
      .strictObject({ within: Duration })
      .optional()
      .meta({ description: 'After each timed fault ends, every procedure succeeds again within this time' }),
    telemetry: z.literal('scrubbed').optional().meta({ description: 'No IMSI or MSISDN appears in the event log, only pseudonyms' }),
  })
  .meta({ title: 'Expectations' });

const Metadata = {
  id: z.string().min(1).optional().meta({ description: 'Stable id, e.g. the partner test case this maps to' }),
  tags: z.array(z.string().regex(/^[\w-]+$/, 'expected a tag of letters, digits, _ or -')).default([]),
  severity: z.enum(['blocker', 'critical', 'normal', 'minor', 'trivial']).default('normal'),
  description: z.string().optional(),
  references: z
    .record(z.string().regex(/^[\w.-]+$/, 'expected a programme name such as ir24'), z.string())
    .default({})
    .meta({ description: 'Partner test cases, e.g. { ir24: "IR.24 2.3.1" }' }),
  owner: z.string().optional(),
  epic: z.string().optional(),
  feature: z.string().optional(),
  story: z.string().optional(),
  clock: z
    .enum(['virtual', 'networked'])
    .optional()
    .meta({ description: 'virtual: discrete-event clock, no sockets; networked: real elements on sockets. Override with ROAM_CLOCK' }),
  seed: z.number().int().optional().meta({ description: 'Seeds latencies and identities; 1 when omitted' }),
  timeout: Duration.refine((ms) => ms <= MAX_TEST_TIMEOUT_MS, {
    error: (issue) =>
      `${formatDuration(issue.input as number)} is longer than a test's timer can hold (24 days): use a shorter timeout, or the virtual clock for long runs`,
  })
    .optional()
    .meta({ description: "The test's timeout, e.g. 3m; the project's when omitted" }),
  world: World,
  subscribers: z.record(z.string().regex(/^[A-Za-z][\w-]*$/, 'expected a group name such as travellers'), SubscriberGroup),
  links: z
    .record(
      z.string().regex(/^\S+ -> \S+$/, 'expected a link name such as "vlr:208-01 -> hlr:262-01"'),
      z.union([LinkFault, z.array(LinkFault).min(1)]),
    )
    .default({})
    .meta({ description: 'Conditions on named links, standing or timed with at/for' }),
};

/** A scenario: a world, who is in it, what they do and what must hold. */
export const Scenario = z
  .strictObject({
    scenario: z.string().min(1).meta({ description: 'The title of the test' }),
    ...Metadata,
    steps: z.array(Step).min(1),
    expect: Expectations.default({}),
  })
  .meta({ title: 'Scenario' });

/** A chaos drill: steady state, a method of timed faults and load, rollbacks, and how fast it must recover. */
export const Drill = z
  .strictObject({
    drill: z.string().min(1).meta({ description: 'The title of the test' }),
    ...Metadata,
    hypothesis: z.string().min(1).meta({ description: 'What should hold despite the faults' }),
    'steady-state': SloMap.optional().meta({ description: 'SLOs checked before the first fault (gate) and after recovery' }),
    method: z
      .array(Step)
      .min(1)
      .meta({ description: 'Steps started together; each waits its own at (faults) or runs in the background (load)' }),
    rollbacks: z.array(z.enum(['reset-faults', 'detach-all'])).default(['reset-faults']),
    expect: Expectations.default({}),
  })
  .meta({ title: 'Drill' });

/** One YAML document of a spec file: a scenario or a drill. */
export const SpecDocument = z.union([Scenario, Drill]);

/** A scenario after validation and defaults. */
export type ScenarioSpec = z.output<typeof Scenario>;
/** A drill after validation and defaults. */
export type DrillSpec = z.output<typeof Drill>;
/** A scenario or a drill after validation. */
export type SpecDocumentSpec = ScenarioSpec | DrillSpec;
/** A scenario as written. */
export type ScenarioInput = z.input<typeof Scenario>;
/** The title of a scenario or drill. */
export function titleOf(spec: SpecDocumentSpec): string {
  return 'scenario' in spec ? spec.scenario : spec.drill;
}
/** The steps of a scenario, or the method of a drill. */
export function stepsOf(spec: SpecDocumentSpec): ScenarioSpec['steps'] {
  return 'scenario' in spec ? spec.steps : spec.method;
}

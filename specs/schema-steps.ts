import { z } from 'zod';
import { Bytes, Duration, Percent, PlmnId, Rate } from './schema-values.js';

const GroupName = z.string().min(1).meta({ description: 'A subscriber group defined under subscribers' });

/** Faults on one link, standing or on a timeline (`at`, `for`). */
export const LinkFault = z
  .strictObject({
    latency: Duration.optional().meta({ description: 'Added delay per request, e.g. 40ms' }),
    jitter: Duration.optional().meta({ description: 'Up to this much more or less than latency' }),
    loss: Percent.optional().meta({ description: 'Share of requests lost (each retransmitted after a timeout), e.g. 5%' }),
    partition: z
      .union([z.boolean(), z.enum(['blackhole', 'refused'])])
      .optional()
      .meta({ description: 'Nothing gets through: true or blackhole (requests vanish and time out), refused (connections refused at once)' }),
    bandwidth: z.number().positive().optional().meta({ description: 'KB/s; requests queue behind each other (back-pressure)' }),
    throttle: Rate.optional().meta({ description: 'Admission limit: requests beyond it are refused with CONGESTION, e.g. 200/s' }),
    direction: z.enum(['forward', 'reverse', 'both']).default('forward'),
    at: Duration.optional().meta({ description: 'When the fault starts, from the start of the scenario (or drill method)' }),
    for: Duration.optional().meta({ description: 'How long it lasts; for ever when omitted' }),
  })
  .meta({ title: 'LinkFault' });

/** Outcome a step must have, checked on every subscriber it ran for. */
const StepExpect = z
  .strictObject({
    outcome: z.enum(['success', 'rejected', 'failed']).default('success'),
    cause: z.string().optional().meta({ description: 'Reject cause, e.g. PLMN_NOT_ALLOWED' }),
    network: PlmnId.optional().meta({ description: 'Where the subscriber must end up registered (steering, failover)' }),
  })
  .meta({ title: 'StepExpect' });

const Attach = z.strictObject({
  attach: z
    .strictObject({
      who: GroupName,
      visited: PlmnId.optional().meta({ description: 'The network to attach to' }),
      networks: z.array(PlmnId).min(1).optional().meta({ description: 'Networks to try in order (steering, failover)' }),
      sim: z.enum(['genuine', 'clone']).default('genuine').meta({ description: 'clone: same IMSI, other keys' }),
      rate: Rate.optional().meta({ description: 'Arrival rate; all at once when omitted' }),
      expect: StepExpect.optional(),
    })
    .refine((a) => (a.visited === undefined) !== (a.networks === undefined), {
      message: 'give exactly one of visited (one network) or networks (a list to try in order)',
    }),
});

const LocationUpdate = z.strictObject({
  locationUpdate: z.strictObject({
    who: GroupName,
    kind: z.enum(['periodic', 'moving']).default('periodic'),
    lac: z.number().int().min(1).max(65_535).optional(),
    expect: StepExpect.optional(),
  }),
});

const Handoff = z.strictObject({
  handoff: z.strictObject({ who: GroupName, to: PlmnId, expect: StepExpect.optional() }),
});

const Call = z.strictObject({
  call: z.strictObject({
    who: GroupName,
    to: z.string().default('+33100000000').meta({ description: 'The number called (or calling, for mt)' }),
    direction: z.enum(['mo', 'mt']).default('mo'),
    visited: PlmnId.optional().meta({ description: 'Where to set it up; the serving network when omitted' }),
    duration: Duration.optional().meta({ description: 'Hang up after this long; stays up (for handoffs) when omitted' }),
    handoff: z
      .array(z.strictObject({ to: PlmnId, after: Duration.default(0) }))
      .optional()
      .meta({ description: 'Handoffs during the call, each after a time since the previous one' }),
    expect: StepExpect.optional(),
  }),
});

const Hangup = z.strictObject({ hangup: z.strictObject({ who: GroupName }) });

const Data = z.strictObject({
  data: z.strictObject({
    who: GroupName,
    bytes: Bytes.meta({ description: 'Volume used in the session (down; up is a tenth of it)' }),
    reports: z.number().int().min(0).max(100).default(0).meta({ description: 'Interim usage reports before closing' }),
    apn: z.string().optional(),
    expect: StepExpect.optional(),
  }),
});

const Sms = z.strictObject({
  sms: z.strictObject({
    who: GroupName,
    to: z.string().default('+33100000000'),
    direction: z.enum(['mo', 'mt']).default('mo'),
    segments: z.number().int().min(1).max(10).default(1),
    expect: StepExpect.optional(),
  }),
});

const Detach = z.strictObject({ detach: z.strictObject({ who: GroupName, expect: StepExpect.optional() }) });

const Wait = z.strictObject({ wait: Duration.meta({ description: 'Let time pass, e.g. 30s' }) });

const Fault = z.strictObject({
  fault: z.strictObject({
    link: z.string().regex(/^\S+ -> \S+$/, 'expected a link name such as "vlr:208-01 -> hlr:262-01"'),
    ...LinkFault.shape,
  }),
});

/** The procedures a load phase can mix. */
export const LOAD_PROCEDURES = ['attach', 'locationUpdate', 'handoff', 'call', 'sms', 'data'] as const;

const Load = z.strictObject({
  load: z
    .strictObject({
      who: GroupName,
      rate: Rate.optional().meta({ description: 'Arrivals per second/minute, e.g. 2000/min (an open model); give rate or users' }),
      arrivals: z
        .enum(['uniform', 'poisson'])
        .default('uniform')
        .meta({ description: 'With rate: arrivals evenly spaced, or Poisson (random gaps with the same mean rate)' }),
      users: z
        .number()
        .int()
        .min(1)
        .max(100_000)
        .optional()
        .meta({ description: 'A closed model instead of a rate: this many users, each starting its next procedure once answered' }),
      think: Duration.default(0).meta({ description: 'With users: how long each user waits between its procedures' }),
      for: Duration.meta({ description: 'How long the phase lasts' }),
      mix: z
        .partialRecord(z.enum(LOAD_PROCEDURES), z.number().min(0))
        .default({ attach: 1 })
        .meta({ description: 'Relative weights of the procedures, e.g. { handoff: 3, locationUpdate: 1 }' }),
      visited: z
        .array(PlmnId)
        .min(1)
        .optional()
        .meta({ description: 'Networks attaches and handoffs go to; every visited one when omitted' }),
      retry: z
        .strictObject({ attempts: z.number().int().min(1).max(10).default(3), backoff: Duration.default(1000) })
        .optional()
        .meta({ description: 'Retry refused procedures with exponential backoff (back-pressure)' }),
      background: z.boolean().default(false).meta({ description: 'Run while the next steps run (drills)' }),
    })
    .refine((load) => (load.rate === undefined) !== (load.users === undefined), {
      message: 'give either rate (arrivals per second/minute) or users (a closed model), not both',
      path: ['rate'],
    }),
});

/** One step of a scenario or drill method; each is one Playwright step. Exactly one key per step. */
export const Step = z
  .strictObject({
    ...Attach.shape,
    ...LocationUpdate.shape,
    ...Handoff.shape,
    ...Call.shape,
    ...Hangup.shape,
    ...Data.shape,
    ...Sms.shape,
    ...Detach.shape,
    ...Wait.shape,
    ...Fault.shape,
    ...Load.shape,
  })
  .partial()
  .superRefine((step, ctx) => {
    const keys = Object.keys(step);
    if (keys.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          keys.length === 0
            ? `a step needs one of ${STEP_KINDS.join(', ')}`
            : `a step does one thing; this one has ${keys.join(' and ')}: split it into ${keys.length} steps`,
      });
    }
  })
  .meta({
    title: 'Step',
    description: 'Exactly one of attach, locationUpdate, handoff, call, hangup, data, sms, detach, wait, fault, load',
    minProperties: 1,
    maxProperties: 1,
  });

/** The kinds of step, in the order the language lists them. */
export const STEP_KINDS = [
  'attach',
  'locationUpdate',
  'handoff',
  'call',
  'hangup',
  'data',
  'sms',
  'detach',
  'wait',
  'fault',
  'load',
] as const;

/** A step after validation. */
export type StepSpec = z.output<typeof Step>;
/** Link faults after validation. */
export type LinkFaultSpec = z.output<typeof LinkFault>;

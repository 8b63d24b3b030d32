import { z } from 'zod';
import { isPlmnId } from '../simulator/plmn.js';
import { parseSlo, SLO_GRAMMAR, SloSyntaxError, type Slo } from '../metrics/slo.js';
import { readDuration } from '../core/duration.js';

/** A PLMN id such as `262-01`. */
export const PlmnId = z
  // YAML reads 26201 as a number: say what to write, not just that a string was expected.
  .string({
    error: (issue) =>
      issue.input === undefined ? undefined : `expected a PLMN id such as 262-01 (MCC, dash, MNC), got ${JSON.stringify(issue.input)}`,
  })
  .refine(isPlmnId, { message: 'expected a PLMN id such as 262-01 (MCC, dash, MNC)' })
  .meta({ description: 'A PLMN id: MCC, dash, MNC, e.g. 262-01', examples: ['262-01', '208-01'] });

/**
 * A duration such as `40ms` or `1.5s`, as milliseconds, read by the one
 * duration grammar (`core/duration.ts`): negative, over-long (more than 31
 * days) and malformed values say why. A bare number is refused: its unit
 * would be a guess.
 */
export const Duration = z
  .string({ error: (issue) => `expected a duration with a unit, e.g. 40ms, 1.5s, 2m or 1h, got ${describeInput(issue.input)}` })
  .transform((text, ctx) => {
    const reading = readDuration(text);
    if (reading.problem !== undefined) {
      ctx.addIssue({ code: 'custom', message: reading.problem });
      return z.NEVER;
    }
    return reading.ms;
  })
  .meta({ description: 'A duration: a number and ms, s, m or h', examples: ['40ms', '1.5s', '2m'] });

function describeInput(input: unknown): string {
  if (typeof input === 'number') return `the number ${input}`;
  return input === null ? 'nothing' : Array.isArray(input) ? 'a list' : typeof input === 'object' ? 'a mapping' : typeof input;
}

const RATE_UNITS: Record<string, number> = { s: 1, sec: 1, m: 1 / 60, min: 1 / 60, h: 1 / 3600 };

/** Parses an arrival rate such as `50/s`, `2000/min` or `120/h` into arrivals per second; undefined when it is not one. */
export function parseRate(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|sec|m|min|h)\s*$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * RATE_UNITS[match[2]!]!;
}

/** An arrival rate such as `50/s` or `2000/min`, as arrivals per second. */
export const Rate = z
  .string()
  .transform((text, ctx) => {
    const perSecond = parseRate(text);
    if (perSecond === undefined || perSecond <= 0) {
      ctx.addIssue({ code: 'custom', message: `expected a rate such as 50/s, 2000/min or 120/h, got ${JSON.stringify(text)}` });
      return z.NEVER;
    }
    return perSecond;
  })
  .meta({ description: 'Arrivals per second, minute or hour', examples: ['50/s', '2000/min'] });

const BYTE_UNITS: Record<string, number> = { B: 1, KB: 1_000, MB: 1_000_000, GB: 1_000_000_000 };

/** A volume such as `5MB`, `512KB` or a number of bytes. */
export const Bytes = z
  .union([
    z.number().int().min(0),
    z.string().transform((text, ctx) => {
      const match = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)\s*$/.exec(text);
      if (!match) {
        ctx.addIssue({ code: 'custom', message: `expected a volume such as 512KB, 5MB or 1GB, got ${JSON.stringify(text)}` });
        return z.NEVER;
      }
      return Math.round(Number(match[1]) * BYTE_UNITS[match[2]!]!);
    }),
  ])
  .meta({ description: 'Bytes: a number, or a number and B, KB, MB or GB', examples: ['5MB', 1024] });

/**
 * A share such as `5%` (or a number of percent), as percent 0 to 100: the
 * unit every fault and expectation uses, as the chaos API's `percent` does.
 */
export const Percent = z
  .union([
    z.number().min(0).max(100),
    z.string().transform((text, ctx) => {
      const match = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
      const value = match ? Number(match[1]) : Number.NaN;
      if (!(value >= 0 && value <= 100)) {
        ctx.addIssue({ code: 'custom', message: `expected a percentage between 0% and 100% such as 5%, got ${JSON.stringify(text)}` });
        return z.NEVER;
      }
      return value;
    }),
  ])
  .meta({ description: 'A percentage, e.g. 5% or 99.5%', examples: ['5%', '99.5%'] });

/**
 * An SLO threshold in k6's grammar, checked with the simulator's parser. A
 * threshold that does not parse names the character where it went wrong and
 * shows the grammar.
 */
export const SloString = z
  .string()
  .superRefine((text, ctx) => {
    try {
      parseSlo(text);
    } catch (error) {
      if (!(error instanceof SloSyntaxError)) throw error;
      const marker = `    ${text}\n    ${' '.repeat(error.index)}^`;
      ctx.addIssue({
        code: 'custom',
        message: error.reason
          ? `invalid SLO ${JSON.stringify(text)}: ${error.reason}; write ${error.expected}\n${marker}`
          : `invalid SLO ${JSON.stringify(text)}: at character ${error.index + 1} ("${text[error.index] ?? 'end'}"), expected ${error.expected}\n` +
            `${marker}\n${SLO_GRAMMAR.replace(/^/gm, '    ')}`,
      });
    }
  })
  .meta({ description: "A k6-style threshold, e.g. 'p(95)<450ms', 'avg<200ms', 'rate>=99.5%'", examples: ['p(95)<450ms', 'rate>=99.5%'] });

/**
 * One SLO or several, on one metric, parsed: a spec carries its SLOs as data
 * from here on. (Each was checked above, so parsing cannot fail; it is done on
 * the union, not on each string, so that a bad SLO keeps its own message.)
 */
export const SloList = z
  .union([SloString, z.array(SloString).min(1)])
  .transform((list): Slo[] => (typeof list === 'string' ? [list] : list).map((text) => parseSlo(text)));

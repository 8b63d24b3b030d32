import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { offsetOf } from '../../../specs/yaml-offsets.js';
import type { WorldOptions } from '../../../world/world-options.js';
import { parsePlmn } from '../../../simulator/plmn.js';
import { TARIFFS } from '../../../simulator/policy/agreements.js';
import { formatProblemsInline, problemsOf, type ProblemLocation } from '../../../core/problems.js';
import { CliError, fileProblem } from '../../command.js';

const Plmn = z.string().superRefine((value, ctx) => {
  try {
    parsePlmn(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a PLMN: write MCC-MNC, e.g. 262-01` });
  }
});

const Slot = z.union([z.string().min(1), z.record(z.string(), z.string().min(1))]);

const Tariff = z.union([
  z.enum(Object.keys(TARIFFS) as [string, ...string[]]),
  z.strictObject({
    name: z.string().min(1),
    currency: z.string().min(1),
    perMinute: z.number().min(0),
    perMegabyte: z.number().min(0),
    perSms: z.number().min(0),
  }),
]);

/**
 * The lab file (`roam lab up --config lab.yaml`): the world's options, where
 * the lab's own HTTP server listens, and subscribers to provision at start.
 * Unknown keys are refused by name.
 */
export const LabConfigSchema = z.strictObject({
  /** Seeds the subscriber factory, as `WorldOptions.seed`. */
  seed: z.number().int().min(0).optional(),
  home: z.array(Plmn).min(1).optional(),
  visited: z.array(Plmn).min(1).optional(),
  agreements: z.array(z.strictObject({ home: Plmn, visited: Plmn, tariff: Tariff.optional() })).optional(),
  /** `mock`, `osmo-hlr`, or your HLR at a URL (`http(s)://`, `gsup://host:port[?vty=<port>]`); one per home as a map. */
  hlr: Slot.optional(),
  /** `builtin` or your VLR at an `http(s)://` URL; one per visited network as a map. */
  vlr: Slot.optional(),
  /** `builtin` or your billing system at an `http(s)://` URL; one per home as a map. */
  billing: Slot.optional(),
  /** `skip`: you provision the HLRs given by URL yourself. */
  provisioning: z.enum(['admin', 'skip']).optional(),
  /** A bearer token for billing systems given by URL; `worldCredential: false` to send none of the world's own. */
  billingAuth: z.strictObject({ token: z.string().min(1).optional(), worldCredential: z.boolean().optional() }).optional(),
  chaos: z.strictObject({ backend: z.enum(['embedded', 'external', 'container', 'auto']).optional(), url: z.url().optional() }).optional(),
  /** Address every element, proxy and the lab server bind. */
  host: z.string().min(1).optional(),
  /** Bind a non-loopback host with the control APIs open (as `--allow-remote`). */
  allowRemote: z.boolean().optional(),
  lab: z.strictObject({ port: z.number().int().min(0).max(65535).optional() }).optional(),
  /** A subscriber file written by `roam subscribers generate --with-keys` (CSV, JSON or JSON Lines), relative to the lab file. */
  provision: z.string().min(1).optional(),
});

/** A lab file as read. */
export type LabConfig = z.output<typeof LabConfigSchema>;

/**
 * Reads and checks a lab file.
 *
 * @throws {CliError} one line naming the file and every problem with its path and line:column, e.g.
 *   `[roam] Failed to load lab config lab.yaml: visited[0] (3:5): "208-1" is not a PLMN ...`
 */
export function loadLabConfig(file: string): LabConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`load lab config ${file}`, fileProblem(error), 'Check the path, or start without --config', 2);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const { line, col } = lineCounter.linePos(syntax.pos[0]);
    const what =
      syntax.code === 'MULTIPLE_DOCS'
        ? 'a lab file is one YAML document; this one has a second after ---'
        : syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new CliError(`load lab config ${file}`, `it is not valid YAML at ${line}:${col} (${what})`, 'Fix the file', 2);
  }
  return checkLabConfig(doc.toJS() ?? {}, file, (path, at) => {
    const { line, col } = lineCounter.linePos(offsetOf(doc, path as (string | number)[], at));
    return { file, line, column: col };
  });
}

/**
 * Checks parsed lab data; see {@link loadLabConfig}. With `locate` (where a
 * path is in the file), each problem says its line and column.
 */
export function checkLabConfig(
  data: unknown,
  file: string,
  locate?: (path: readonly PropertyKey[], at?: { readonly key: boolean }) => ProblemLocation | undefined,
): LabConfig {
  const parsed = LabConfigSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  // A misspelt top-level key gets the nearest one the file takes.
  const knownKeys = (path: readonly PropertyKey[]) => (path.length === 0 ? Object.keys(LabConfigSchema.shape) : []);
  const problems = problemsOf(parsed.error.issues, locate, { knownKeys }).map((p) =>
    p.location ? { ...p, path: `${p.path || '(document)'} (${p.location.line}:${p.location.column})` } : p,
  );
  throw new CliError(
    `load lab config ${file}`,
    formatProblemsInline(problems),
    `Fix the file (keys: ${Object.keys(LabConfigSchema.shape).join(', ')})`,
    2,
  );
}

/** The world options a lab file maps onto. */
export function worldOptionsOf(config: LabConfig): WorldOptions {
  return {
    ...(config.seed !== undefined ? { seed: config.seed } : {}),
    ...(config.home ? { home: config.home } : {}),
    ...(config.visited ? { visited: config.visited } : {}),
    ...(config.agreements ? { agreements: config.agreements } : {}),
    ...(config.hlr ? { hlr: config.hlr } : {}),
    ...(config.vlr ? { vlr: config.vlr } : {}),
    ...(config.billing ? { billing: config.billing } : {}),
    ...(config.provisioning ? { provisioning: config.provisioning } : {}),
    ...(config.billingAuth ? { billingAuth: config.billingAuth } : {}),
    ...(config.chaos ? { chaos: config.chaos } : {}),
    ...(config.host ? { host: config.host } : {}),
    ...(config.allowRemote ? { allowRemote: true } : {}),
  };
}

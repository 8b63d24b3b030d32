import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeRegExp } from '../../core/escape-regexp.js';

/**
 * One failure category in Allure's `categories.json` form. Allure 2 matches
 * `messageRegex` against the whole message, Allure 3 searches it, so ours
 * are written as `[\s\S]*…[\s\S]*` to mean the same in both.
 */
export interface AllureCategory {
  readonly name: string;
  readonly description?: string;
  readonly messageRegex?: string;
  readonly traceRegex?: string;
  readonly matchedStatuses?: readonly ('failed' | 'broken' | 'passed' | 'skipped' | 'unknown')[];
}

const anywhere = (pattern: string) => `[\\s\\S]*(?:${pattern})[\\s\\S]*`;

/**
 * The stable prefixes our matchers start their failure messages with, one
 * per category. The categories match the prefix *or* the matcher's name (as
 * Playwright's matcher hint prints it, `expect(received).toMeetSlo(expected)`),
 * so a message keeps its category whichever of the two it carries. Keep them
 * when rewording a matcher's message.
 */
export const FAILURE_PREFIXES = {
  /** `toMeetSlo`, `toHaveAttachSuccessRate`: e.g. `SLO breached: attach_latency p(95)<450ms measured 512ms over 30 samples`. */
  sloBreach: 'SLO breached',
  /** `toBeReconciled`: e.g. `Billing not reconciled: 2 missing, 0 duplicated, 1 mis-rated`. */
  reconciliationDrift: 'Billing not reconciled',
  /** `toHaveTransitioned`: e.g. `Transition violation: expected IDLE → REGISTERED, got IDLE → REJECTED`. */
  transitionViolation: 'Transition violation',
  /** Every `RoamError` (the harness could not do its part): `[roam] Failed to <what>: <why>`. */
  infrastructure: '[roam] Failed to',
} as const;

/**
 * The roaming failure categories, in the order they are tried (first match
 * wins): an SLO breach (`toMeetSlo`, `toHaveAttachSuccessRate`), reconciliation drift
 * (`toBeReconciled`), a transition violation (`toHaveTransitioned`, or a
 * state machine refusing a move), and an infrastructure error (any other
 * `[roam] Failed to …`, or a socket error that escaped a procedure). Each
 * matches its {@link FAILURE_PREFIXES} prefix or its matcher's name.
 */
export const ROAMING_CATEGORIES: readonly AllureCategory[] = [
  {
    name: 'SLO breach',
    description: 'A latency or success-rate objective was not met (toMeetSlo, toHaveAttachSuccessRate).',
    messageRegex: anywhere(`${escapeRegExp(FAILURE_PREFIXES.sloBreach)}|toMeetSlo|toHaveAttachSuccessRate`),
    matchedStatuses: ['failed', 'broken'],
  },
  {
    name: 'Reconciliation drift',
    description: 'Billing does not match what the subscribers did: missing, duplicated or mis-rated charges (toBeReconciled).',
    messageRegex: anywhere(`${escapeRegExp(FAILURE_PREFIXES.reconciliationDrift)}|toBeReconciled`),
    matchedStatuses: ['failed', 'broken'],
  },
  {
    name: 'Transition violation',
    description: 'A procedure went through states other than the expected ones (toHaveTransitioned), or a state machine refused a move.',
    messageRegex: anywhere(`${escapeRegExp(FAILURE_PREFIXES.transitionViolation)}|toHaveTransitioned|\\[roam\\] Failed to move \\S+ from`),
    matchedStatuses: ['failed', 'broken'],
  },
  {
    name: 'Infrastructure error',
    description: 'The harness could not do its part: a server, proxy, peer or file it needed failed.',
    messageRegex: anywhere(`${escapeRegExp(FAILURE_PREFIXES.infrastructure)}|ECONNREFUSED|ECONNRESET|EADDRINUSE|ETIMEDOUT|socket hang up`),
    matchedStatuses: ['failed', 'broken'],
  },
];

/**
 * Writes `categories.json` into an Allure results folder, where Allure 2 and
 * Allure 3's classic and allure2 plugins read it. (Allure 3's awesome report
 * takes categories from its config instead; `buildHtmlReport` passes them.)
 *
 * @example
 * ```ts
 * writeCategories('allure-results');
 * ```
 */
export function writeCategories(resultsDir: string, categories: readonly AllureCategory[] = ROAMING_CATEGORIES): string {
  if (!existsSync(resultsDir)) mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, 'categories.json');
  writeFileSync(path, JSON.stringify(categories, null, 2) + '\n');
  return path;
}

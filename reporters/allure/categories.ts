import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
 * The roaming failure categories, in the order they are tried: an SLO breach
 * (`toMeetSlo`), reconciliation drift (`toBeReconciled`), a transition
 * violation (`toHaveTransitioned`, or a state machine refusing a move), and
 * an infrastructure error (any other `[roam] Failed to …`, or a socket error
 * that escaped a procedure).
 */
export const ROAMING_CATEGORIES: readonly AllureCategory[] = [
  {
    name: 'SLO breach',
    description: 'A latency or success-rate objective was not met (toMeetSlo).',
    messageRegex: anywhere('toMeetSlo'),
    matchedStatuses: ['failed', 'broken'],
  },
  {
    name: 'Reconciliation drift',
    description: 'Billing does not match what the subscribers did: missing, duplicated or mis-rated charges (toBeReconciled).',
    messageRegex: anywhere('toBeReconciled'),
    matchedStatuses: ['failed', 'broken'],
  },
  {
    name: 'Transition violation',
    description: 'A procedure went through states other than the expected ones (toHaveTransitioned), or a state machine refused a move.',
    messageRegex: anywhere('toHaveTransitioned|\\[roam\\] Failed to move \\S+ from'),
    matchedStatuses: ['failed', 'broken'],
  },
  {
    name: 'Infrastructure error',
    description: 'The harness could not do its part: a server, proxy, peer or file it needed failed.',
    messageRegex: anywhere('\\[roam\\] Failed to|ECONNREFUSED|ECONNRESET|EADDRINUSE|ETIMEDOUT|socket hang up'),
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

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { RoamingSimulator } from '../../simulator/simulation/roaming-simulator.js';
import type { Subscriber } from '../../simulator/subscriber.js';

/**
 * What the demo's own scenarios are made of, shared by the scenarios, the
 * `roam demo` command (seeds into the evidence) and the tests that check the
 * demo's outputs (which make the same subscribers again to look for their
 * K and OPc, since those are never written anywhere).
 */
export const DEMO_SCENARIOS = {
  /** A roaming day in the pure simulator: attaches, calls with a handover, data and SMS, billed and reconciled. */
  billing: { seed: 2026, home: '262-01', visited: ['208-01', '214-01'], subscribers: 3 },
  /** A chaos drill on the networked world: an inter-PLMN partition and a slow radio link under load. */
  drill: { seed: 4242, home: '262-01', visited: ['208-01'], subscribers: 5 },
} as const;

/** The folder the demo writes into (`roam demo --output`), from `ROAM_DEMO_OUTPUT`. */
export function demoOutput(): string {
  return resolve(process.env['ROAM_DEMO_OUTPUT'] ?? '.');
}

/** Where a scenario's run data (event log, CDRs, usage records, reconciliation) goes: `<output>/run-data/...`. */
export const RUN_DATA = {
  events: 'run-data/events',
  cdrs: 'run-data/billing/cdrs',
  usage: 'run-data/billing/usage',
  reconciliation: 'run-data/billing/reconciliation',
  /** TAP 3.12 files (BER), one per visited -> home pair, as a partner would receive them. */
  tap: 'run-data/billing/tap',
} as const;

/**
 * Writes one run-data file under the demo output and returns its path.
 *
 * @example
 * ```ts
 * writeRunData(RUN_DATA.events, 'chaos-drill.jsonl', world.events.toJsonLines());
 * ```
 */
export function writeRunData(section: string, name: string, content: string | Uint8Array): string {
  const path = join(demoOutput(), section, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/**
 * The billing scenario's simulator with its networks and agreements, and its
 * subscribers: the same identities and SIMs every time for the same seed.
 */
export function billingWorld(): { sim: RoamingSimulator; roamers: Subscriber[] } {
  const { seed, home, visited, subscribers } = DEMO_SCENARIOS.billing;
  // Pseudonyms keyed like the networked world's: ROAM_HASH_KEY when set.
  const hashKey = process.env['ROAM_HASH_KEY'];
  const sim = new RoamingSimulator({ seed, agreements: 'explicit', ...(hashKey ? { pseudonymKey: hashKey } : {}) });
  sim.registerHomeNetwork(home);
  for (const plmn of visited) sim.registerVisitedNetwork(plmn);
  sim.agreements.add(home, visited[0], 'eu-regulated');
  sim.agreements.add(home, visited[1], 'premium');
  return { sim, roamers: sim.createSubscribers({ home, count: subscribers }) };
}

/**
 * Every subscriber the demo's own scenarios create, SIM secrets included,
 * made again from their seeds, for tests that prove those secrets never
 * reach an output. Never write what this returns anywhere.
 *
 * @example
 * ```ts
 * const secrets = demoSubscribers().flatMap((s) => Object.values(s.credentials.reveal()));
 * ```
 */
export function demoSubscribers(): Subscriber[] {
  const { roamers } = billingWorld();
  // The networked world makes its subscribers with a simulator seeded the same way.
  const { seed, home, subscribers } = DEMO_SCENARIOS.drill;
  const drill = new RoamingSimulator({ seed });
  drill.registerHomeNetwork(home);
  return [...roamers, ...drill.createSubscribers({ home, count: subscribers })];
}

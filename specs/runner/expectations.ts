import { test, expect } from '../../fixtures/test.js';
import type { Reconciliation } from '../../simulator/billing/reconcile.js';
import type { EventLog } from '../../simulator/roaming-events.js';
import type { SpecDocumentSpec } from '../schema.js';
import type { RunState } from './run-state.js';

/** How long after each timed fault ended until every procedure succeeded again, in ms (0: at once). */
export function recoveryTimes(run: RunState): { link: string; until: number; recoveryMs: number }[] {
  return run.faults.windows().map(({ link, until }) => {
    const failedAfter = run.runs.filter((r) => r.startedAt >= until && !r.success).map((r) => r.startedAt);
    return { link, until, recoveryMs: failedAfter.length ? Math.max(...failedAfter) - until : 0 };
  });
}

/**
 * Checks a scenario's `expect` block (and a drill's steady state), each
 * check a Playwright step named after it, with the roaming matchers.
 */
export async function checkExpectations(
  run: RunState,
  spec: SpecDocumentSpec,
  hooks: { reconcile: () => Promise<Reconciliation>; events: EventLog | undefined; billingRetries: () => number | undefined },
): Promise<void> {
  const ex = spec.expect;
  if (ex.transitions?.attach) {
    const path = ex.transitions.attach;
    const mode = ex.transitions.mode;
    await test.step(`transitions: attach ${path.join(' → ')}`, async () => {
      for (const { outcome } of run.attaches) {
        expect(outcome, `attach of ${outcome.subscriberId} in ${outcome.visited}`).toHaveTransitioned(path, { mode });
      }
    });
  }
  if (ex.transitions?.call) {
    const path = ex.transitions.call;
    const mode = ex.transitions.mode;
    await test.step(`transitions: call ${path.join(' → ')}`, async () => {
      for (const call of run.calls) expect(call, `call ${call.correlationId}`).toHaveTransitioned(path, { mode });
    });
  }
  if ('drill' in spec && spec['steady-state']) {
    for (const [phase, label] of [
      ['before', 'steady state before the faults'],
      ['after', 'steady state after recovery'],
    ] as const) {
      for (const [selector, slos] of Object.entries(spec['steady-state'])) {
        const scoped = selector.includes('{') ? selector.replace('}', `,phase:${phase}}`) : `${selector}{phase:${phase}}`;
        for (const slo of slos) {
          await test.step(`${label}: ${selector} ${slo.source}`, async () => {
            expect(run.samples, `${scoped} ${slo.source}`).toMeetSlo(slo, { metric: scoped });
          });
        }
      }
    }
  }
  for (const [selector, slos] of Object.entries(ex.slo ?? {})) {
    for (const slo of slos) {
      await test.step(`SLO ${selector} ${slo.source}`, async () => {
        expect(run.samples, `${selector} ${slo.source}`).toMeetSlo(slo, { metric: selector });
      });
    }
  }
  if (ex.attachSuccessRate !== undefined) {
    const percent = ex.attachSuccessRate;
    await test.step(`attach success rate at least ${percent}%`, async () => {
      expect(run.attaches.map((a) => a.outcome)).toHaveAttachSuccessRate(percent / 100);
    });
  }
  if (ex.recovery) {
    const within = ex.recovery.within;
    await test.step(`recovery within ${within} ms of each fault`, async () => {
      const times = recoveryTimes(run);
      expect(times.length, 'the drill has timed faults (at/for) to recover from').toBeGreaterThan(0);
      for (const t of times) {
        test.info().annotations.push({ type: 'roam:recovery', description: `${t.link}: ${t.recoveryMs} ms` });
        expect(t.recoveryMs, `recovery after the fault on ${t.link} ended (ms)`).toBeLessThanOrEqual(within);
      }
    });
  }
  if (ex.telemetry === 'scrubbed') {
    await test.step('telemetry holds no IMSI or MSISDN', async () => {
      const text = JSON.stringify(hooks.events?.events ?? []);
      const leaked = [...run.groups.values()].flat().filter((s) => text.includes(s.imsi) || text.includes(s.msisdn.replace(/^\+/, '')));
      expect(hooks.events, 'the run has an event log to check').toBeDefined();
      expect(leaked.length, `${leaked.length} subscribers' identities appear in the events in clear`).toBe(0);
    });
  }
  if (ex.billing) {
    await test.step('billing reconciled against ground truth', async () => {
      const reconciliation = await hooks.reconcile();
      expect(reconciliation).toBeReconciled();
    });
    if (typeof ex.billing === 'object' && ex.billing.retried !== undefined) {
      const retried = ex.billing.retried;
      await test.step(`charging events were ${retried ? '' : 'not '}retried`, async () => {
        const retries = hooks.billingRetries();
        expect(retries, 'this clock counts charging retries (virtual only)').toBeDefined();
        if (retried) expect(retries, 'charging events retried after billing did not answer').toBeGreaterThan(0);
        else expect(retries, 'charging events retried').toBe(0);
      });
    }
  }
}

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { test, expect } from 'roaming-harness';
import { loadSpecs } from 'roaming-harness/specs';

interface PartnerPlan {
  cases: { id: string; title: string; spec: string }[];
}

test('the partner plan and the specs agree: every IR.24 case has its spec, every spec is a case', () => {
  const plan = parse(readFileSync('plan/partner-plan.yaml', 'utf8')) as PartnerPlan;
  const specIds = new Map(loadSpecs('specs/*.roam.yaml').map((s) => [s.spec.id, s.file]));
  for (const c of plan.cases) expect(specIds.get(c.id), `${c.id} should be run by ${c.spec}`).toBe(c.spec);
  expect([...specIds.keys()].sort()).toEqual(plan.cases.map((c) => c.id).sort());
});

import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parseAllDocuments, parse } from 'yaml';
import { Job } from 'kubernetes-models/batch/v1';
import { PersistentVolumeClaim } from 'kubernetes-models/v1';
import { repoRoot } from './support/inline-project.js';

// The deploy files are checked against their schemas offline: the Kubernetes API's (through
// kubernetes-models, generated from the Kubernetes OpenAPI) and the Compose Specification's.

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

function validateCompose(document: unknown): { ok: boolean; errors: string[] } {
  const schema = JSON.parse(read('tests/support/schemas/compose-spec/compose.schema.json')) as Record<string, unknown>;
  // The schema names draft-07 by an https URI Ajv does not know; it is draft-07, Ajv's default.
  delete schema['$schema'];
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  const ok = validate(document);
  return { ok, errors: (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`) };
}

test('the segments Job is a valid batch/v1 Job with indexed completions, each index a segment', () => {
  const [document, ...more] = parseAllDocuments(read('deploy/k8s/roam-segments-job.yaml')).map((d) => d.toJS());
  expect(more).toEqual([]);
  const job = new Job(document);
  expect(() => job.validate()).not.toThrow();
  expect(job.spec!.completionMode).toBe('Indexed');
  expect(job.spec!.parallelism).toBe(job.spec!.completions);
  const container = job.spec!.template.spec!.containers[0]!;
  const segments = container.env!.find((e) => e.name === 'SEGMENTS')!.value;
  // SEGMENTS and completions must agree, or segments are lost or doubled.
  expect(Number(segments)).toBe(job.spec!.completions);
  const script = container.args!.join('\n');
  expect(script).toContain('SEGMENT="$((JOB_COMPLETION_INDEX + 1))"');
  expect(script).toContain('npx roam run --segment "${SEGMENT}/${SEGMENTS}"');
  expect(job.spec!.backoffLimit).toBe(0);
  expect(job.spec!.template.spec!.restartPolicy).toBe('Never');

  const broken = new Job({ ...document, spec: { ...document.spec, completions: 'four' } });
  expect(() => broken.validate()).toThrow(/completions must be integer/);
});

test('the merge Job and the results claim are valid Kubernetes objects on the same volume', () => {
  const merge = new Job(parse(read('deploy/k8s/roam-merge-job.yaml')));
  expect(() => merge.validate()).not.toThrow();
  expect(merge.spec!.template.spec!.containers[0]!.args!.join('\n')).toContain(
    'npx roam merge --output /results/merged /results/segment-*',
  );
  const claim = new PersistentVolumeClaim(parse(read('deploy/k8s/roam-results-pvc.yaml')));
  expect(() => claim.validate()).not.toThrow();
  expect(claim.spec!.accessModes).toEqual(['ReadWriteMany']);
  const claimName = (job: Job) => job.spec!.template.spec!.volumes!.find((v) => v.name === 'results')!.persistentVolumeClaim!.claimName;
  const segments = new Job(parse(read('deploy/k8s/roam-segments-job.yaml')));
  expect(claimName(merge)).toBe(claim.metadata!.name);
  expect(claimName(segments)).toBe(claim.metadata!.name);
});

test('the Compose file is valid against the Compose Specification: the lab, two segments and their merge', () => {
  const compose = parse(read('deploy/compose/compose.yaml'), { merge: true }) as {
    services: Record<string, { profiles?: string[]; command?: string[]; depends_on?: Record<string, { condition: string }> }>;
  };
  expect(validateCompose(compose)).toEqual({ ok: true, errors: [] });
  expect(Object.keys(compose.services).sort()).toEqual(['lab', 'merge', 'segment-1', 'segment-2']);
  expect(compose.services['lab']!.command).toEqual(['lab', 'up', '--host', '0.0.0.0', '--port', '9464']);
  expect(compose.services['segment-2']!.command!.join(' ')).toContain('roam run --segment 2/2');
  expect(compose.services['merge']!.depends_on).toEqual({
    'segment-1': { condition: 'service_completed_successfully' },
    'segment-2': { condition: 'service_completed_successfully' },
  });
  // The schema catches what Compose would refuse.
  const wrong = structuredClone(compose) as Record<string, unknown> & typeof compose;
  wrong.services['merge']!.depends_on = { 'segment-1': { condition: 'finished' } };
  expect(validateCompose(wrong).ok).toBe(false);
});

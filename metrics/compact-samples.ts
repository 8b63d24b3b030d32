import { MetricSamples, type SampleTags } from './metric-samples.js';

/** The name of the attachment each spec test carries its samples in, for the run-level gate reporter. */
export const SAMPLES_ATTACHMENT = 'roam-samples';

/** Samples grouped by metric and tag set, values as numbers (successes as 1 and 0): compact enough for 10,000 attaches. */
export interface CompactSamples {
  readonly version: 1;
  readonly metrics: Record<string, { tags: SampleTags; values: number[] }[]>;
}

/** Packs samples for an attachment. */
export function compactSamples(samples: MetricSamples): CompactSamples {
  const metrics: CompactSamples['metrics'] = {};
  for (const metric of samples.metrics) {
    const byTags = new Map<string, { tags: SampleTags; values: number[] }>();
    for (const s of samples.samples(metric)) {
      const key = JSON.stringify(Object.entries(s.tags).sort());
      let group = byTags.get(key);
      if (!group) byTags.set(key, (group = { tags: s.tags, values: [] }));
      group.values.push(Number(s.value));
    }
    metrics[metric] = [...byTags.values()];
  }
  return { version: 1, metrics };
}

/** Unpacks samples from an attachment (or several, merged into `into`). */
export function expandSamples(compact: CompactSamples, into = new MetricSamples()): MetricSamples {
  for (const [metric, groups] of Object.entries(compact.metrics ?? {})) {
    for (const g of groups) for (const v of g.values) into.add(metric, v, g.tags);
  }
  return into;
}

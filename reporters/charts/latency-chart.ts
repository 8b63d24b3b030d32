import type { TopLevelSpec } from 'vega-lite';
import { evaluateSlo, formatMeasured, parseSlo, type Slo } from '../../metrics/slo.js';
import { renderVegaLiteSvg } from './vega-svg.js';

/** What {@link latencyChartSvg} draws besides the sample. */
export interface LatencyChartOptions {
  /** A latency SLO such as `p(95)<450ms` (or one already parsed); its threshold is drawn as a red line, and the measured value shown. */
  readonly slo?: string | Slo;
  /** The metric, e.g. `attach_latency`; shown in the title. */
  readonly metric?: string;
  /** Width of each panel in pixels. Default 560. */
  readonly width?: number;
}

const SLO_COLOR = '#cf222e';
const BAR_COLOR = '#1f6feb';

/**
 * A latency histogram above its empirical CDF, as SVG, with the SLO's
 * threshold drawn as a vertical line on both and, for a percentile SLO, the
 * percentile drawn across the CDF, so a reader sees at a glance where the
 * sample sits against the target. Drawn with Vega-Lite.
 *
 * Rate and count SLOs have no latency threshold: the chart then shows the
 * verdict in its subtitle only.
 *
 * @param samplesMs latencies in milliseconds; non-finite values are ignored.
 * @example
 * ```ts
 * const svg = await latencyChartSvg(attaches.map((a) => a.latencyMs), { slo: 'p(95)<450ms', metric: 'attach_latency' });
 * ```
 * @see reporters/charts/vega-svg.ts
 */
export async function latencyChartSvg(samplesMs: readonly number[], options: LatencyChartOptions = {}): Promise<string> {
  const sample = samplesMs.filter(Number.isFinite);
  const sorted = [...sample].sort((a, b) => a - b);
  const slo = typeof options.slo === 'string' ? parseSlo(options.slo) : options.slo;
  const threshold = slo && hasLatencyThreshold(slo) ? slo.threshold : undefined;
  const top = Math.max(sorted[sorted.length - 1] ?? 0, threshold ?? 0, 1) * 1.05;
  const width = options.width ?? 560;
  const x = { field: 'ms', type: 'quantitative', title: 'latency (ms)', scale: { domain: [0, top], nice: false } } as const;

  const histogram = {
    width,
    height: 180,
    title: { text: 'Histogram', fontSize: 12 },
    layer: [
      {
        data: { values: sample.map((ms) => ({ ms })) },
        mark: { type: 'bar', color: BAR_COLOR, opacity: 0.85 },
        encoding: {
          x: { ...x, bin: { maxbins: 30, extent: [0, top] } },
          y: { aggregate: 'count', type: 'quantitative', title: 'attaches' },
        },
      },
      ...thresholdLayers(threshold, slo, 'top'),
    ],
  };
  const cdf = {
    width,
    height: 180,
    title: { text: 'Cumulative distribution', fontSize: 12 },
    layer: [
      {
        data: { values: sorted.map((ms, i) => ({ ms, fraction: (i + 1) / sorted.length })) },
        mark: { type: 'line', interpolate: 'step-after', color: BAR_COLOR, point: sorted.length <= 50 },
        encoding: {
          x,
          y: { field: 'fraction', type: 'quantitative', title: 'fraction ≤ latency', axis: { format: '%' }, scale: { domain: [0, 1] } },
        },
      },
      ...percentileLayers(slo),
      ...thresholdLayers(threshold, slo, 'bottom'),
    ],
  };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: `${options.metric ?? 'latency'}: ${sample.length} samples`, subtitle: subtitleOf(slo, sample) },
    vconcat: [histogram, cdf],
  } as unknown as TopLevelSpec;
  return renderVegaLiteSvg(spec);
}

function hasLatencyThreshold(slo: Slo): boolean {
  return slo.aggregate.kind !== 'rate' && slo.aggregate.kind !== 'count';
}

function subtitleOf(slo: Slo | undefined, sample: readonly number[]): string {
  if (!slo) return sample.length ? `median ${median(sample).toFixed(1)} ms` : 'no samples';
  const verdict = evaluateSlo(slo, sample);
  return `SLO ${slo.source}: measured ${formatMeasured(slo, verdict.measured)} — ${verdict.pass ? 'met' : 'breached'}`;
}

function thresholdLayers(threshold: number | undefined, slo: Slo | undefined, baseline: 'top' | 'bottom') {
  if (threshold === undefined || !slo) return [];
  const data = { values: [{ ms: threshold, label: `SLO ${slo.source}` }] };
  return [
    {
      data,
      mark: { type: 'rule', color: SLO_COLOR, strokeWidth: 2, strokeDash: [6, 4] },
      encoding: { x: { field: 'ms', type: 'quantitative' } },
    },
    {
      data,
      mark: { type: 'text', color: SLO_COLOR, align: 'left', dx: 4, dy: baseline === 'top' ? 8 : -8, baseline, fontWeight: 'bold' },
      encoding: { x: { field: 'ms', type: 'quantitative' }, y: { value: baseline === 'top' ? 0 : 180 }, text: { field: 'label' } },
    },
  ];
}

function percentileLayers(slo: Slo | undefined) {
  if (!slo || slo.aggregate.kind !== 'percentile') return [];
  const data = { values: [{ fraction: slo.aggregate.p / 100, label: `p${slo.aggregate.p}` }] };
  return [
    {
      data,
      mark: { type: 'rule', color: '#8c959f', strokeDash: [2, 3] },
      encoding: { y: { field: 'fraction', type: 'quantitative' } },
    },
    {
      data,
      mark: { type: 'text', color: '#57606a', align: 'left', dx: 4, dy: -6 },
      encoding: { x: { value: 0 }, y: { field: 'fraction', type: 'quantitative' }, text: { field: 'label' } },
    },
  ];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

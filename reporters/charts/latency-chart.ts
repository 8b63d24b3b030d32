import { evaluateSlo, formatMeasured, parseSlo, type Slo } from '../../metrics/slo.js';
import { bottomAxis, leftAxis, linearScale, MUTED, niceStep, round, svgDocument, svgText, INK, type LinearScale } from './svg-plot.js';

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
const PANEL_HEIGHT = 180;
const LEFT = 64;
const RIGHT = 24;
const TOP = 64;
/** Panel title above, axis and its title below. */
const PANEL_GAP = 84;
/** Most histogram bins, as a histogram of a few hundred attaches reads best. */
const MAX_BINS = 30;

/**
 * A latency histogram above its empirical CDF, as SVG, with the SLO's
 * threshold drawn as a vertical line on both and, for a percentile SLO, the
 * percentile drawn across the CDF, so a reader sees at a glance where the
 * sample sits against the target.
 *
 * Rate and count SLOs have no latency threshold: the chart then shows the
 * verdict in its subtitle only.
 *
 * @param samplesMs latencies in milliseconds; non-finite values are ignored.
 * @example
 * ```ts
 * const svg = await latencyChartSvg(attaches.map((a) => a.latencyMs), { slo: 'p(95)<450ms', metric: 'attach_latency' });
 * ```
 * @see reporters/charts/svg-plot.ts
 */
export async function latencyChartSvg(samplesMs: readonly number[], options: LatencyChartOptions = {}): Promise<string> {
  const sample = samplesMs.filter(Number.isFinite);
  const sorted = [...sample].sort((a, b) => a - b);
  const slo = typeof options.slo === 'string' ? parseSlo(options.slo) : options.slo;
  const threshold = slo && hasLatencyThreshold(slo) ? slo.threshold : undefined;
  const top = Math.max(sorted[sorted.length - 1] ?? 0, threshold ?? 0, 1) * 1.05;
  const width = options.width ?? 560;
  const x = linearScale([0, top], [0, width]);
  const title = `${options.metric ?? 'latency'}: ${sample.length} samples`;
  const subtitle = subtitleOf(slo, sample);
  const sloLabel = slo && threshold !== undefined ? `SLO ${slo.source}` : undefined;

  const histogram = panel(0, 'Histogram', [
    ...histogramBars(sorted, x, top),
    bottomAxis(x, PANEL_HEIGHT, 'latency (ms)'),
    ...thresholdRule(x, threshold, sloLabel, 'top'),
  ]);
  const fraction = linearScale([0, 1], [PANEL_HEIGHT, 0]);
  const cdf = panel(1, 'Cumulative distribution', [
    leftAxis(fraction, width, 'fraction ≤ latency', (v) => `${Math.round(v * 100)}%`),
    bottomAxis(x, PANEL_HEIGHT, 'latency (ms)'),
    ...cdfLine(sorted, x, fraction),
    ...percentileRule(slo, fraction, width),
    ...thresholdRule(x, threshold, sloLabel, 'bottom'),
  ]);
  const height = TOP + 2 * PANEL_HEIGHT + 2 * PANEL_GAP - 20;
  return svgDocument(LEFT + width + RIGHT, height, title, subtitle, [
    svgText(LEFT, 22, title, { weight: 'bold', size: 14, color: INK }),
    svgText(LEFT, 40, subtitle, { color: MUTED }),
    histogram,
    cdf,
  ]);
}

function panel(index: number, title: string, parts: readonly string[]): string {
  const y = TOP + index * (PANEL_HEIGHT + PANEL_GAP);
  return [
    `<g class="panel" transform="translate(${LEFT} ${y})">`,
    svgText(0, -8, title, { weight: 'bold', color: INK }),
    ...parts,
    '</g>',
  ].join('\n');
}

/** Bars of equal, round width from 0 to `top`, at most {@link MAX_BINS}, with a count axis. */
function histogramBars(sorted: readonly number[], x: LinearScale, top: number): string[] {
  const step = niceStep(top, MAX_BINS);
  const counts = new Array<number>(Math.max(1, Math.ceil(top / step))).fill(0);
  for (const ms of sorted) counts[Math.min(counts.length - 1, Math.max(0, Math.floor(ms / step)))]! += 1;
  const most = Math.max(1, ...counts);
  const y = linearScale([0, Math.ceil(most / niceStep(most, 5)) * niceStep(most, 5)], [PANEL_HEIGHT, 0]);
  const bars = counts.flatMap((count, bin) => {
    if (count === 0) return [];
    const left = x(bin * step);
    const right = x(Math.min(top, (bin + 1) * step));
    return [
      `<rect class="bin" x="${left}" y="${y(count)}" width="${round(Math.max(0.5, right - left - 1))}" height="${round(PANEL_HEIGHT - y(count))}" fill="${BAR_COLOR}" fill-opacity="0.85"><title>${round(bin * step)}–${round((bin + 1) * step)} ms: ${count}</title></rect>`,
    ];
  });
  return [leftAxis(y, x.range[1], 'attaches', (v) => (Number.isInteger(v) ? String(v) : '')), ...bars];
}

/** The empirical CDF as a step line (dots on each sample when there are few). */
function cdfLine(sorted: readonly number[], x: LinearScale, y: LinearScale): string[] {
  if (sorted.length === 0) return [];
  const at = (i: number) => (i + 1) / sorted.length;
  let d = `M${x(sorted[0]!)} ${y(at(0))}`;
  for (let i = 1; i < sorted.length; i++) d += ` H${x(sorted[i]!)} V${y(at(i))}`;
  const dots = sorted.length <= 50 ? sorted.map((ms, i) => `<circle cx="${x(ms)}" cy="${y(at(i))}" r="2.5" fill="${BAR_COLOR}"/>`) : [];
  return [`<path class="cdf" d="${d}" fill="none" stroke="${BAR_COLOR}" stroke-width="2"/>`, ...dots];
}

function thresholdRule(x: LinearScale, threshold: number | undefined, label: string | undefined, at: 'top' | 'bottom'): string[] {
  if (threshold === undefined || label === undefined) return [];
  const position = x(threshold);
  // Near the right edge the label goes left of the line, so it is not cut off.
  const leftOfLine = position + 8 * label.length > x.range[1];
  return [
    `<line class="slo" x1="${position}" y1="0" x2="${position}" y2="${PANEL_HEIGHT}" stroke="${SLO_COLOR}" stroke-width="2" stroke-dasharray="6 4"/>`,
    svgText(leftOfLine ? position - 4 : position + 4, at === 'top' ? 12 : PANEL_HEIGHT - 8, label, {
      color: SLO_COLOR,
      weight: 'bold',
      anchor: leftOfLine ? 'end' : 'start',
    }),
  ];
}

function percentileRule(slo: Slo | undefined, y: LinearScale, width: number): string[] {
  if (!slo || slo.aggregate.kind !== 'percentile') return [];
  const position = y(slo.aggregate.p / 100);
  return [
    `<line x1="0" y1="${position}" x2="${width}" y2="${position}" stroke="#8c959f" stroke-dasharray="2 3"/>`,
    svgText(4, position - 6, `p${slo.aggregate.p}`, { color: MUTED }),
  ];
}

function hasLatencyThreshold(slo: Slo): boolean {
  return slo.aggregate.kind !== 'rate' && slo.aggregate.kind !== 'count';
}

function subtitleOf(slo: Slo | undefined, sample: readonly number[]): string {
  if (!slo) return sample.length ? `median ${median(sample).toFixed(1)} ms` : 'no samples';
  const verdict = evaluateSlo(slo, sample);
  return `SLO ${slo.source}: measured ${formatMeasured(slo, verdict.measured)} — ${verdict.pass ? 'met' : 'breached'}`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

import type { TopLevelSpec } from 'vega-lite';
import { renderVegaLiteSvg } from './vega-svg.js';

/** One fault as it was in effect on a link. `ActiveFault` from the chaos layer fits, plus `endedAt`. */
export interface ChaosWindow {
  /** The link, e.g. `vlr:208-01 -> hlr:262-01`. */
  readonly link: string;
  /** What it was, e.g. `latency 200ms ±0ms forward`. */
  readonly description: string;
  /** When it was put in effect, ms since the epoch. */
  readonly startedAt: number;
  /** When it was removed, ms since the epoch; missing while still in effect at the end of the run. */
  readonly endedAt?: number | null;
}

/** The run the faults happened in, ms since the epoch. */
export interface RunWindow {
  readonly startedAt: number;
  readonly endedAt: number;
}

/**
 * A chaos timeline as SVG: one row per link, one bar per fault from when it
 * was put in effect to when it was removed (or the end of the run),
 * labelled with what it was; the x axis is seconds since the run started.
 * Drawn with Vega-Lite.
 *
 * @example
 * ```ts
 * const svg = await chaosTimelineSvg([{ link: 'vlr:208-01 -> hlr:262-01', description: 'latency 200ms', startedAt, endedAt }], { startedAt: t0, endedAt: t1 });
 * ```
 * @see reporters/charts/vega-svg.ts
 */
export async function chaosTimelineSvg(faults: readonly ChaosWindow[], run: RunWindow, options: { width?: number } = {}): Promise<string> {
  const seconds = (at: number) => Math.max(0, (at - run.startedAt) / 1000);
  const end = Math.max(seconds(run.endedAt), ...faults.map((f) => seconds(f.endedAt ?? run.endedAt)), 0.001);
  const rows = faults.map((fault) => ({
    link: fault.link,
    description: fault.description,
    from: seconds(fault.startedAt),
    to: Math.max(seconds(fault.endedAt ?? run.endedAt), seconds(fault.startedAt) + end / 500),
    open: fault.endedAt === undefined || fault.endedAt === null,
  }));
  const links = [...new Set(rows.map((r) => r.link))];
  const x = { type: 'quantitative', title: 'seconds since the run started', scale: { domain: [0, end], nice: false } } as const;
  const y = { field: 'link', type: 'nominal', title: null, sort: links, axis: { labelLimit: 260 } } as const;
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: 'Chaos timeline',
      subtitle: rows.length
        ? `${rows.length} fault${rows.length === 1 ? '' : 's'} on ${links.length} link${links.length === 1 ? '' : 's'} over ${end.toFixed(1)} s`
        : `no faults injected during the ${end.toFixed(1)} s run`,
    },
    width: options.width ?? 640,
    height: Math.max(1, links.length) * 34,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', cornerRadius: 3, height: 22 },
        encoding: {
          x: { ...x, field: 'from' },
          x2: { field: 'to' },
          y,
          color: { field: 'description', type: 'nominal', legend: null, scale: { scheme: 'tableau10' } },
          opacity: { condition: { test: 'datum.open', value: 0.6 }, value: 0.9 },
        },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, color: '#24292f' },
        encoding: { x: { ...x, field: 'from' }, y, text: { field: 'description' } },
      },
    ],
  } as unknown as TopLevelSpec;
  return renderVegaLiteSvg(spec);
}

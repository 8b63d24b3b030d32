import { escapeMarkup, truncate } from './svg-text.js';
import { bottomAxis, FRAME, INK, linearScale, MUTED, round, svgDocument, svgText } from './svg-plot.js';

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

/** Tableau's ten categorical colours: one per kind of fault. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
const ROW = 34;
const BAR = 22;
const LABELS = 270;
const TOP = 56;

/**
 * A chaos timeline as SVG: one row per link, one bar per fault from when it
 * was put in effect to when it was removed (or the end of the run),
 * labelled with what it was; the x axis is seconds since the run started.
 * A fault still in effect at the end is drawn lighter.
 *
 * @example
 * ```ts
 * const svg = await chaosTimelineSvg([{ link: 'vlr:208-01 -> hlr:262-01', description: 'latency 200ms', startedAt, endedAt }], { startedAt: t0, endedAt: t1 });
 * ```
 * @see reporters/charts/svg-plot.ts
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
  const kinds = [...new Set(rows.map((r) => r.description))];
  const width = options.width ?? 640;
  const height = Math.max(1, links.length) * ROW;
  const x = linearScale([0, end], [0, width]);
  const subtitle = rows.length
    ? `${rows.length} fault${rows.length === 1 ? '' : 's'} on ${links.length} link${links.length === 1 ? '' : 's'} over ${end.toFixed(1)} s`
    : `no faults injected during the ${end.toFixed(1)} s run`;

  const linkLabels = links.map((link, i) =>
    svgText(-8, i * ROW + ROW / 2 + 4, truncate(link, 40), { anchor: 'end', color: INK, size: 11 }),
  );
  const bars = rows.map((row) => {
    const y = links.indexOf(row.link) * ROW + (ROW - BAR) / 2;
    const color = PALETTE[kinds.indexOf(row.description) % PALETTE.length]!;
    const left = x(row.from);
    return [
      `<rect class="fault" x="${left}" y="${round(y)}" width="${round(Math.max(1, x(row.to) - left))}" height="${BAR}" rx="3" fill="${color}" fill-opacity="${row.open ? 0.6 : 0.9}">`,
      `<title>${escapeMarkup(describe(row))}</title></rect>`,
      svgText(left + 4, y + BAR / 2 + 4, row.description, { color: INK, size: 11 }),
    ].join('');
  });
  return svgDocument(LABELS + width + 24, TOP + height + 44, 'Chaos timeline', subtitle, [
    svgText(16, 22, 'Chaos timeline', { weight: 'bold', size: 14, color: INK }),
    svgText(16, 40, subtitle, { color: MUTED }),
    `<g transform="translate(${LABELS} ${TOP})">`,
    `<rect width="${width}" height="${height}" fill="none" stroke="${FRAME}"/>`,
    bottomAxis(x, height, 'seconds since the run started'),
    ...linkLabels,
    ...bars,
    '</g>',
  ]);
}

/** The bar's tooltip: link, fault and when, in seconds. */
function describe(row: { link: string; description: string; from: number; to: number; open: boolean }): string {
  return `${row.link}: ${row.description}, ${row.from.toFixed(1)}–${row.to.toFixed(1)} s${row.open ? ' (still in effect at the end)' : ''}`;
}

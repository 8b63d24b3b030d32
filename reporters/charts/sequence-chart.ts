import type { SignalingStep } from '../../simulator/signaling/signaling-step.js';
import { escapeMarkup, truncate } from './svg-text.js';

/** How {@link sequenceChartSvg} draws. */
export interface SequenceChartOptions {
  /** Shown above the chart, e.g. `attach sub_3f9a… in 208-01`. */
  readonly title?: string;
}

const GUTTER = 90;
const COLUMN = 230;
const HEADER = 56;
const ROW = 46;
const FOOTER = 44;
const BOX_WIDTH = 170;
const BOX_HEIGHT = 28;
const OK = '#1f6feb';
const ERROR = '#cf222e';

/**
 * A message sequence chart of a procedure as SVG: one lifeline per element
 * (`ue`, `vlr:208-01`, `hlr:262-01`, ...), one arrow per signaling
 * transaction in the order they started, labelled with its name and duration,
 * red with the reject cause when it failed. Offsets from the first message
 * run down the left side.
 *
 * Hand-built markup: a sequence chart is not a statistical chart, and every
 * piece of text in it is escaped.
 *
 * @example
 * ```ts
 * await allure.attachment('Message sequence chart', sequenceChartSvg(outcome.steps), 'image/svg+xml');
 * ```
 * @see reporters/allure/attachments.ts
 */
export function sequenceChartSvg(steps: readonly SignalingStep[], options: SequenceChartOptions = {}): string {
  // Stable sort: a procedure records its outer exchange before the transactions inside it.
  const ordered = steps.map((step, index) => ({ step, index })).sort((a, b) => a.step.startedAt - b.step.startedAt || a.index - b.index);
  const elements = participantsOf(ordered.map(({ step }) => step));
  const x = (element: string) => GUTTER + COLUMN / 2 + elements.indexOf(element) * COLUMN;
  const titleHeight = options.title ? 30 : 0;
  const top = titleHeight + HEADER;
  const width = GUTTER + Math.max(elements.length, 1) * COLUMN;
  const height = top + Math.max(ordered.length, 1) * ROW + FOOTER;
  const t0 = ordered[0]?.step.startedAt ?? 0;

  const parts: string[] = [];
  if (options.title) parts.push(text(width / 2, 20, options.title, { anchor: 'middle', weight: 'bold', size: 14 }));
  for (const element of elements) {
    parts.push(
      `<line x1="${x(element)}" y1="${titleHeight + BOX_HEIGHT + 8}" x2="${x(element)}" y2="${height - FOOTER + 8}" stroke="#8c959f" stroke-dasharray="4 4"/>`,
      participantBox(x(element), titleHeight + 8, element),
      participantBox(x(element), height - FOOTER + 8, element),
    );
  }
  if (ordered.length === 0) parts.push(text(width / 2, top + ROW / 2, 'no signaling recorded', { anchor: 'middle', color: '#57606a' }));
  ordered.forEach(({ step }, row) => {
    const y = top + row * ROW + ROW / 2;
    const color = step.result === 'ok' ? OK : ERROR;
    const label = `${step.name} (${step.durationMs.toFixed(1)} ms)`;
    parts.push(text(GUTTER - 10, y + 4, `+${(step.startedAt - t0).toFixed(0)} ms`, { anchor: 'end', color: '#57606a', size: 11 }));
    const from = x(step.from);
    const to = x(step.to);
    if (from === to) {
      parts.push(
        `<path d="M${from} ${y - 8} h40 v16 h-36" fill="none" stroke="${color}" stroke-width="1.5" marker-end="url(#arrow-${step.result})"/>`,
      );
      parts.push(text(from + 46, y + 4, label, { color }));
    } else {
      const tip = to > from ? to - 2 : to + 2;
      parts.push(
        `<line x1="${from}" y1="${y}" x2="${tip}" y2="${y}" stroke="${color}" stroke-width="1.5" marker-end="url(#arrow-${step.result})"/>`,
      );
      parts.push(text((from + to) / 2, y - 6, label, { anchor: 'middle', color }));
    }
    if (step.result === 'error') {
      parts.push(
        text((from + to) / 2 + (from === to ? 46 : 0), y + 15, `✗ ${truncate(step.detail ?? 'error', 80)}`, {
          anchor: from === to ? 'start' : 'middle',
          color: ERROR,
          size: 11,
        }),
      );
    }
  });

  const summary = ordered.map(({ step }) => `${step.name} ${step.from} → ${step.to}`).join('; ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="sans-serif" font-size="12">`,
    `<title>${escapeMarkup(options.title ?? 'Message sequence chart')}</title>`,
    `<desc>${escapeMarkup(truncate(summary || 'no signaling recorded', 2000))}</desc>`,
    '<defs>',
    arrowMarker('arrow-ok', OK),
    arrowMarker('arrow-error', ERROR),
    '</defs>',
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

/** Elements in the order they first appear, senders before receivers. */
function participantsOf(steps: readonly SignalingStep[]): string[] {
  const seen = new Set<string>();
  for (const step of steps) {
    seen.add(step.from);
    seen.add(step.to);
  }
  return [...seen];
}

function participantBox(cx: number, y: number, element: string): string {
  return (
    `<rect x="${cx - BOX_WIDTH / 2}" y="${y}" width="${BOX_WIDTH}" height="${BOX_HEIGHT}" rx="4" fill="#f6f8fa" stroke="#57606a"/>` +
    text(cx, y + 18, truncate(element, 26), { anchor: 'middle', weight: 'bold' })
  );
}

function arrowMarker(id: string, color: string): string {
  return `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${color}"/></marker>`;
}

function text(
  x: number,
  y: number,
  content: string,
  style: { anchor?: 'start' | 'middle' | 'end'; color?: string; weight?: 'bold'; size?: number } = {},
): string {
  const attributes = [
    `x="${x}"`,
    `y="${y}"`,
    style.anchor && style.anchor !== 'start' ? `text-anchor="${style.anchor}"` : '',
    style.color ? `fill="${style.color}"` : '',
    style.weight ? `font-weight="${style.weight}"` : '',
    style.size ? `font-size="${style.size}"` : '',
  ].filter(Boolean);
  return `<text ${attributes.join(' ')}>${escapeMarkup(content)}</text>`;
}

/**
 * The few pieces the harness's statistical charts are drawn with: a linear
 * scale, round tick values, axes and text, as plain SVG markup. The charts
 * are small (a histogram, a CDF, a timeline), so a charting library would
 * weigh more than it draws.
 *
 * @module
 */
import { escapeMarkup } from './svg-text.js';

/** Colours shared by every chart. */
export const INK = '#24292f';
export const MUTED = '#57606a';
export const GRID = '#eaeef2';
export const FRAME = '#d0d7de';

/** A linear map from a data domain to pixels. */
export interface LinearScale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
}

/**
 * A linear scale from `domain` to `range`, clamped to the range.
 *
 * @example
 * ```ts
 * linearScale([0, 100], [0, 400])(25) // 100
 * ```
 */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const scale = (value: number) => {
    const t = Math.min(1, Math.max(0, (value - d0) / span));
    return round(r0 + t * (r1 - r0));
  };
  return Object.assign(scale, { domain, range });
}

/**
 * A round step (1, 2 or 5 times a power of ten) that cuts `span` into at most `count` pieces.
 *
 * @example
 * ```ts
 * niceStep(420, 10) // 50
 * ```
 */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 5, 10]) if (power * factor >= raw) return power * factor;
  return power * 10;
}

/**
 * Round tick values from `min` to `max` (both inside the domain), about `count` of them.
 *
 * @example
 * ```ts
 * ticks(0, 441, 5) // [0, 100, 200, 300, 400]
 * ```
 */
export function ticks(min: number, max: number, count: number): number[] {
  const step = niceStep(max - min, count);
  const values: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9 && values.length <= count * 3; v += step) values.push(round(v, 10));
  return values;
}

/** Text styles for {@link svgText}. */
export interface TextStyle {
  readonly anchor?: 'start' | 'middle' | 'end';
  readonly color?: string;
  readonly weight?: 'bold';
  readonly size?: number;
  readonly baseline?: 'middle' | 'hanging';
  readonly transform?: string;
}

/**
 * A `<text>` element; the content is escaped.
 *
 * @example
 * ```ts
 * svgText(10, 20, 'p95 < 450 ms', { color: '#cf222e' })
 * ```
 */
export function svgText(x: number, y: number, content: string, style: TextStyle = {}): string {
  const attributes = [
    `x="${round(x)}"`,
    `y="${round(y)}"`,
    style.anchor && style.anchor !== 'start' ? `text-anchor="${style.anchor}"` : '',
    style.baseline ? `dominant-baseline="${style.baseline}"` : '',
    style.color ? `fill="${style.color}"` : '',
    style.weight ? `font-weight="${style.weight}"` : '',
    style.size ? `font-size="${style.size}"` : '',
    style.transform ? `transform="${style.transform}"` : '',
  ].filter(Boolean);
  return `<text ${attributes.join(' ')}>${escapeMarkup(content)}</text>`;
}

/**
 * A horizontal axis under a plot of `height`: a baseline, ticks with labels,
 * vertical grid lines and the axis title.
 *
 * @example
 * ```ts
 * bottomAxis(linearScale([0, 500], [0, 560]), 180, 'latency (ms)')
 * ```
 */
export function bottomAxis(x: LinearScale, height: number, title: string, format: (v: number) => string = formatTick): string {
  const [r0, r1] = x.range;
  const values = ticks(x.domain[0], x.domain[1], Math.max(2, Math.floor((r1 - r0) / 60)));
  return [
    `<g class="axis x-axis">`,
    ...values.map((v) => `<line x1="${x(v)}" y1="0" x2="${x(v)}" y2="${height}" stroke="${GRID}"/>`),
    `<line x1="${r0}" y1="${height}" x2="${r1}" y2="${height}" stroke="${MUTED}"/>`,
    ...values.map(
      (v) =>
        `<line x1="${x(v)}" y1="${height}" x2="${x(v)}" y2="${height + 5}" stroke="${MUTED}"/>` +
        svgText(x(v), height + 16, format(v), { anchor: 'middle', color: INK, size: 10 }),
    ),
    svgText((r0 + r1) / 2, height + 32, title, { anchor: 'middle', color: INK, weight: 'bold', size: 11 }),
    `</g>`,
  ].join('\n');
}

/**
 * A vertical axis left of a plot of `width`: ticks with labels, horizontal
 * grid lines and the axis title, turned to read upwards.
 *
 * @example
 * ```ts
 * leftAxis(linearScale([0, 1], [180, 0]), 560, 'fraction', (v) => `${v * 100}%`)
 * ```
 */
export function leftAxis(y: LinearScale, width: number, title: string, format: (v: number) => string = formatTick): string {
  const [r0, r1] = y.range;
  const values = ticks(y.domain[0], y.domain[1], Math.max(2, Math.floor(Math.abs(r0 - r1) / 36)));
  const middle = (r0 + r1) / 2;
  return [
    `<g class="axis y-axis">`,
    ...values.map((v) => `<line x1="0" y1="${y(v)}" x2="${width}" y2="${y(v)}" stroke="${GRID}"/>`),
    `<line x1="0" y1="${r0}" x2="0" y2="${r1}" stroke="${MUTED}"/>`,
    ...values.map(
      (v) =>
        `<line x1="-5" y1="${y(v)}" x2="0" y2="${y(v)}" stroke="${MUTED}"/>` +
        svgText(-8, y(v) + 3, format(v), { anchor: 'end', color: INK, size: 10 }),
    ),
    svgText(-40, middle, title, { anchor: 'middle', color: INK, weight: 'bold', size: 11, transform: `rotate(-90 -40 ${round(middle)})` }),
    `</g>`,
  ].join('\n');
}

/**
 * A tick label: whole numbers as they are, others with up to three significant decimals.
 *
 * @example
 * ```ts
 * formatTick(2.5) // '2.5'
 * ```
 */
export function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
}

/**
 * The `<svg>` document around some parts, with a white background, a title and a description for screen readers.
 *
 * @example
 * ```ts
 * svgDocument(600, 400, 'Chaos timeline', '2 faults', ['<rect .../>'])
 * ```
 */
export function svgDocument(width: number, height: number, title: string, description: string, parts: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${round(width)}" height="${round(height)}" viewBox="0 0 ${round(width)} ${round(height)}" role="img" font-family="sans-serif" font-size="12">`,
    `<title>${escapeMarkup(title)}</title>`,
    `<desc>${escapeMarkup(description)}</desc>`,
    `<rect width="${round(width)}" height="${round(height)}" fill="white"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

/** Rounds to `digits` decimals (2 by default), so the markup stays short. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

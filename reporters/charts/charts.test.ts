import { test, expect, type Page } from '@playwright/test';
import type { SignalingStep } from '../../simulator/signaling/signaling-step.js';
import { chaosTimelineSvg } from './chaos-timeline.js';
import { latencyChartSvg } from './latency-chart.js';
import { sequenceChartSvg } from './sequence-chart.js';

/** What the browser's strict XML parser makes of an SVG string. */
interface ParsedSvg {
  readonly error: string | null;
  readonly root: string;
  readonly texts: string[];
  readonly counts: Record<string, number>;
  /** Stroke colours of lines and paths. */
  readonly strokes: string[];
}

async function parseSvg(page: Page, svg: string): Promise<ParsedSvg> {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const error = doc.querySelector('parsererror')?.textContent ?? null;
    const counts: Record<string, number> = {};
    for (const el of Array.from(doc.querySelectorAll('*'))) counts[el.localName] = (counts[el.localName] ?? 0) + 1;
    return {
      error,
      root: doc.documentElement.localName,
      texts: Array.from(doc.querySelectorAll('text')).map((t) => t.textContent ?? ''),
      counts,
      strokes: Array.from(doc.querySelectorAll('line, path')).map((el) => el.getAttribute('stroke') ?? ''),
    };
  }, svg);
}

const t0 = 1_750_000_000_000;
const ATTACH: SignalingStep[] = [
  { name: 'SendAuthInfo', from: 'vlr:208-01', to: 'hlr:262-01', startedAt: t0 + 2, durationMs: 21.4, result: 'ok' },
  { name: 'Attach Request', from: 'ue', to: 'vlr:208-01', startedAt: t0, durationMs: 30.25, result: 'ok' },
  {
    name: 'Authentication Response',
    from: 'ue',
    to: 'vlr:208-01',
    startedAt: t0 + 40,
    durationMs: 50,
    result: 'error',
    detail: 'ROAMING_NOT_ALLOWED',
  },
  {
    name: 'UpdateLocation <&"\'>',
    from: 'vlr:208-01',
    to: 'hlr:262-01',
    startedAt: t0 + 42,
    durationMs: 44,
    result: 'error',
    detail: 'cause <script>alert(1)</script> & more',
  },
];

test.describe('sequenceChartSvg', () => {
  test('draws a lifeline per element and an arrow per transaction, in start order, with names and ms', async ({ page }) => {
    const parsed = await parseSvg(page, sequenceChartSvg(ATTACH, { title: 'attach sub_0123456789abcdef in 208-01' }));
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    // Two boxes (top and bottom) per element: ue, vlr, hlr.
    expect(parsed.texts.filter((t) => t === 'ue')).toHaveLength(2);
    expect(parsed.texts.filter((t) => t === 'vlr:208-01')).toHaveLength(2);
    expect(parsed.texts.filter((t) => t === 'hlr:262-01')).toHaveLength(2);
    const arrows = parsed.texts.filter((t) => /\(\d+\.\d ms\)$/.test(t));
    expect(arrows).toEqual([
      'Attach Request (30.3 ms)',
      'SendAuthInfo (21.4 ms)',
      'Authentication Response (50.0 ms)',
      `UpdateLocation <&"'> (44.0 ms)`,
    ]);
    expect(parsed.texts).toContain('✗ ROAMING_NOT_ALLOWED');
    expect(parsed.texts).toContain('✗ cause <script>alert(1)</script> & more');
    expect(parsed.texts).toContain('+40 ms');
    expect(parsed.counts['script'] ?? 0).toBe(0);
  });

  test('marks failed transactions in red and says so when nothing was recorded', async ({ page }) => {
    const parsed = await parseSvg(page, sequenceChartSvg(ATTACH));
    expect(parsed.strokes.filter((s) => s === '#cf222e')).toHaveLength(2);
    const empty = await parseSvg(page, sequenceChartSvg([]));
    expect(empty.error).toBeNull();
    expect(empty.texts).toContain('no signaling recorded');
  });
});

test.describe('latencyChartSvg', () => {
  const sample = Array.from({ length: 120 }, (_, i) => 100 + ((i * 53) % 300));

  test('draws a histogram and a CDF with the SLO threshold and the measured verdict', async ({ page }) => {
    const svg = await latencyChartSvg(sample, { slo: 'p(95)<380ms', metric: 'attach_latency' });
    const parsed = await parseSvg(page, svg);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    expect(parsed.texts).toContain('attach_latency: 120 samples');
    expect(parsed.texts).toContain('Histogram');
    expect(parsed.texts).toContain('Cumulative distribution');
    expect(parsed.texts.filter((t) => t === 'SLO p(95)<380ms')).toHaveLength(2);
    expect(parsed.texts).toContain('p95');
    expect(parsed.texts.some((t) => /^SLO p\(95\)<380ms: measured \d+(\.\d+)?ms — breached$/.test(t))).toBe(true);
    // The SLO line is red.
    expect(svg).toMatch(/stroke="#cf222e"/);
  });

  test('places the SLO line at the threshold on the x scale', async ({ page }) => {
    // With a domain of [0, top], the rule's x over the plot width is threshold / top.
    const svg = await latencyChartSvg([100, 200, 300, 400], { slo: 'avg<420ms', width: 400 });
    const x = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      const rule = Array.from(doc.querySelectorAll('line')).find((l) => l.getAttribute('stroke') === '#cf222e');
      const transform = rule?.getAttribute('transform') ?? '';
      return Number(/translate\(([\d.]+)/.exec(transform)?.[1] ?? rule?.getAttribute('x1') ?? NaN);
    }, svg);
    expect(x).toBeCloseTo((420 / (420 * 1.05)) * 400, 0);
  });

  test('has no SLO line for a rate SLO, and renders an empty sample', async ({ page }) => {
    const rate = await parseSvg(page, await latencyChartSvg([120, 130], { slo: 'rate>=99%' }));
    expect(rate.error).toBeNull();
    expect(rate.texts.some((t) => t.startsWith('SLO rate>=99%: measured'))).toBe(true);
    expect(rate.texts).not.toContain('SLO rate>=99%');
    const empty = await parseSvg(page, await latencyChartSvg([], { slo: 'p(95)<450ms' }));
    expect(empty.error).toBeNull();
    expect(empty.texts).toContain('latency: 0 samples');
    expect(empty.texts).toContain('SLO p(95)<450ms: measured no samples — breached');
  });

  test('counts every sample in one histogram bar and steps the CDF through each', async ({ page }) => {
    const svg = await latencyChartSvg([10, 12, 14, 90], { width: 400 });
    const shape = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      return {
        bins: Array.from(doc.querySelectorAll('rect.bin')).map((r) => r.querySelector('title')?.textContent ?? ''),
        cdf: doc.querySelector('path.cdf')?.getAttribute('d') ?? '',
        dots: doc.querySelectorAll('circle').length,
      };
    }, svg);
    // top = 90 * 1.05 = 94.5 ms; 30 bins at most, so 5 ms each: 10, 12 and 14 share a bin, 90 is alone.
    expect(shape.bins).toEqual(['10–15 ms: 3', '90–95 ms: 1']);
    expect(shape.cdf.match(/V/g)).toHaveLength(3);
    expect(shape.dots).toBe(4);
  });

  test('throws the SLO grammar for a malformed SLO', async () => {
    await expect(latencyChartSvg([1], { slo: 'p95<1ms' })).rejects.toThrow(/\[roam\] Failed to parse SLO "p95<1ms"/);
  });
});

test.describe('chaosTimelineSvg', () => {
  test('draws a bar per fault on its link, labelled, over seconds since the run started', async ({ page }) => {
    const svg = await chaosTimelineSvg(
      [
        { link: 'vlr:208-01 -> hlr:262-01', description: 'latency 200ms ±0ms forward', startedAt: t0 + 1_000, endedAt: t0 + 4_000 },
        { link: 'vlr:208-01 -> billing:262-01', description: 'reset_peer <now>', startedAt: t0 + 3_000, endedAt: null },
        { link: 'vlr:208-01 -> hlr:262-01', description: 'partition', startedAt: t0 + 5_000, endedAt: t0 + 5_500 },
      ],
      { startedAt: t0, endedAt: t0 + 6_000 },
    );
    const parsed = await parseSvg(page, svg);
    expect(parsed.error).toBeNull();
    expect(parsed.texts).toContain('Chaos timeline');
    expect(parsed.texts).toContain('3 faults on 2 links over 6.0 s');
    expect(parsed.texts).toEqual(expect.arrayContaining(['vlr:208-01 -> hlr:262-01', 'vlr:208-01 -> billing:262-01']));
    expect(parsed.texts).toEqual(expect.arrayContaining(['latency 200ms ±0ms forward', 'reset_peer <now>', 'partition']));
    expect(parsed.texts).toContain('seconds since the run started');
    // One bar per fault, on its link's row, from its start to its end (or the end of the run).
    const bars = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      return Array.from(doc.querySelectorAll('rect.fault')).map((r) => ({
        x: Number(r.getAttribute('x')),
        y: Number(r.getAttribute('y')),
        width: Number(r.getAttribute('width')),
        opacity: r.getAttribute('fill-opacity'),
      }));
    }, svg);
    expect(bars).toHaveLength(3);
    // 640 px for 6 s: the first fault runs from 1 s to 4 s, the partition from 5 s to 5.5 s, on the same row.
    expect(bars[0]!.x).toBeCloseTo(640 / 6, 0);
    expect(bars[0]!.width).toBeCloseTo(3 * (640 / 6), 0);
    expect(bars[2]!.y).toBe(bars[0]!.y);
    expect(bars[1]!.y).not.toBe(bars[0]!.y);
    // The reset was still in effect at the end of the run: lighter.
    expect([bars[0]!.opacity, bars[1]!.opacity]).toEqual(['0.9', '0.6']);
  });

  test('says when no fault was injected', async ({ page }) => {
    const parsed = await parseSvg(page, await chaosTimelineSvg([], { startedAt: t0, endedAt: t0 + 2_500 }));
    expect(parsed.error).toBeNull();
    expect(parsed.texts).toContain('no faults injected during the 2.5 s run');
  });
});

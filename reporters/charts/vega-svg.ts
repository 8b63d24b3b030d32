import type { TopLevelSpec } from 'vega-lite';

/** The look shared by every chart the harness draws. */
const CHART_CONFIG = {
  font: 'sans-serif',
  background: 'white',
  view: { stroke: '#d0d7de' },
  axis: { labelColor: '#24292f', titleColor: '#24292f', gridColor: '#eaeef2' },
  title: { anchor: 'start', fontSize: 14, subtitleColor: '#57606a' },
} as const;

/**
 * Renders a Vega-Lite spec to an SVG string in Node, headlessly: Vega's
 * scenegraph with the `none` renderer, so no browser and no native canvas.
 * The data must be inline (`data: { values }`); nothing is ever loaded.
 *
 * Vega 5 and Vega-Lite 5 are pinned on purpose: Vega-Lite 6 requires Node 22,
 * and this package supports Node 20.
 *
 * @example
 * ```ts
 * const svg = await renderVegaLiteSvg({ data: { values: [{ ms: 12 }] }, mark: 'bar', encoding: { x: { field: 'ms', bin: true }, y: { aggregate: 'count' } } });
 * ```
 * @see https://vega.github.io/vega/usage/#node
 */
export async function renderVegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  // Vega loads with the first chart: it is large, and importing the reporters should not pay for it.
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = compile({ ...spec, config: { ...CHART_CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  const view = new View(parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } catch (error) {
    throw new Error(
      `[roam] Failed to render a chart: ${(error as Error).message ?? String(error)}. This is a bug in the chart's spec; please report it with the data that caused it.`,
      { cause: error },
    );
  } finally {
    view.finalize();
  }
}

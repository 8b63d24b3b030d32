import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSpread, spread, type Benchmark, type BenchRow } from './harness.js';
import { load, startTargetServer, type LoadResult } from './load.js';

const here = dirname(fileURLToPath(import.meta.url));
const LAYERS = [
  { mode: 'bare', label: 'bare node:http, fixed JSON (ceiling)' },
  { mode: 'mock-hlr', label: 'mock HLR SendAuthInfo (Milenage vector)' },
  { mode: 'mock-hlr-proxied', label: 'mock HLR through the embedded proxy' },
] as const;

/** Requests/s and latency of each layer under the same load, as ratios to a bare server. */
export const benchmark: Benchmark = {
  name: 'layer-costs',
  title: 'Layer costs: bare server, mock HLR, mock HLR through the proxy',
  method:
    'Each server runs in its own Node process; autocannon loads it from the benchmark process with the same request pattern and ' +
    'concurrency. Rounds alternate between the layers so drift on the machine hits all of them alike; the table shows the median ' +
    'requests/s of the rounds with min and max, the median p50/p99 latency, and the ratio of medians to the bare server.',
  async run(mode) {
    const rounds = mode === 'quick' ? 1 : 5;
    const seconds = mode === 'quick' ? 2 : 5;
    const rows: BenchRow[] = [];
    const targets = [];
    for (const connections of mode === 'quick' ? [10] : [1, 10, 50]) {
      const results = new Map<string, LoadResult[]>();
      const servers = await Promise.all(LAYERS.map((l) => startTargetServer(join(here, 'servers', 'layer-server.js'), [l.mode])));
      try {
        for (let round = 0; round < rounds; round++) {
          for (const [i, layer] of LAYERS.entries()) {
            const result = await load(servers[i]!, { connections, seconds });
            results.set(layer.mode, [...(results.get(layer.mode) ?? []), result]);
          }
        }
      } finally {
        for (const s of servers) s.stop();
      }
      const ceiling = spread(results.get('bare')!.map((r) => r.requestsPerSecond)).median;
      for (const layer of LAYERS) {
        const runs = results.get(layer.mode)!;
        const rps = spread(runs.map((r) => r.requestsPerSecond));
        rows.push({
          layer: layer.label,
          connections,
          'requests/s': formatSpread(rps),
          'ratio to bare': (rps.median / ceiling).toFixed(2),
          'p50 ms': spread(runs.map((r) => r.p50Ms)).median,
          'p99 ms': spread(runs.map((r) => r.p99Ms)).median,
          errors: runs.reduce((n, r) => n + r.errors + r.non2xx, 0),
        });
        if (layer.mode === 'mock-hlr' && connections === (mode === 'quick' ? 10 : 50)) {
          targets.push({
            name: `mock HLR vs bare server, ${connections} connections`,
            target: '>= 0.50',
            measured: (rps.median / ceiling).toFixed(2),
            met: rps.median / ceiling >= 0.5,
          });
        }
      }
    }
    return { rows, targets };
  },
};

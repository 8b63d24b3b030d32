/**
 * What each layer costs: requests/s and latency of a bare `node:http` server
 * with a fixed JSON body (the ceiling), the mock HLR, and the mock HLR
 * through the embedded proxy, under the same load; plus a CPU profile of the
 * mock HLR's request path.
 *
 * @module
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatShares, summariseProfile, type ProfileBucket, FETCH_API_FRAMES } from './cpu-profile.js';
import { formatSpread, spread, type Benchmark, type BenchMode, type BenchRow, type BenchTarget } from './harness.js';
import { load, startTargetServer, type LoadResult } from './load.js';

const here = dirname(fileURLToPath(import.meta.url));
const SERVER = join(here, 'servers', 'layer-server.js');

/** The layers, in the order each round loads them. */
export const LAYERS = [
  { mode: 'bare', label: 'bare node:http, fixed JSON (ceiling)' },
  { mode: 'mock-hlr', label: 'mock HLR SendAuthInfo (Milenage vector)' },
  { mode: 'mock-hlr-proxied', label: 'mock HLR through the embedded proxy' },
  { mode: 'mock-hlr-node', label: 'mock HLR, one route straight on node:http (ceiling of the design)' },
] as const;

const SETTINGS: Record<BenchMode, { rounds: number; seconds: number; connections: readonly number[]; profile: boolean }> = {
  quick: { rounds: 1, seconds: 1.5, connections: [10], profile: false },
  full: { rounds: 5, seconds: 2, connections: [10, 50], profile: true },
};

/** The target is held at this concurrency (the highest measured). */
const TARGET_RATIO = 0.5;

/** Where the mock HLR's CPU goes, by the script each sample's innermost recognisable frame comes from. */
const BUCKETS: ProfileBucket[] = [
  {
    name: 'WHATWG Request/Response, Headers, web streams (undici)',
    match: [...FETCH_API_FRAMES],
  },
  { name: 'zod validation', match: ['/zod/'] },
  { name: 'Milenage and the AuC (node:crypto)', match: ['/simulator/auth/', 'internal/crypto', 'cipher'] },
  { name: 'HLR domain logic', match: ['/simulator/'] },
  { name: 'mocks/http serve, router, health, problem (incl. JSON.parse/stringify)', match: ['/mocks/'] },
  {
    name: 'node:http parser and socket writes',
    match: ['_http_', 'node:net', 'stream_base', 'internal/streams', 'node:events', 'node:stream'],
  },
  { name: 'module loading (start-up)', match: ['internal/modules', 'loader', 'translators', 'module_job'] },
];

/** Requests/s and latency of each layer under the same load, as ratios to a bare server. */
export const benchmark: Benchmark = {
  name: 'layer-costs',
  title: 'Layer costs: bare server, mock HLR, mock HLR through the proxy',
  method:
    'Each server runs in its own Node process; autocannon (in the benchmark process) loads it with POSTs of a small JSON body over keep-alive ' +
    'connections, the same pattern and concurrency for every layer: the bare server answers a fixed SendAuthInfo-sized JSON body, the mock HLR ' +
    'answers SendAuthInfo for one vector (zod-validated request and response, Milenage), the third goes through the embedded Toxiproxy with no ' +
    'toxics (proxy in the HLR process, as the world runs it), and the fourth is the same HLR, contract and validation on node:http without ' +
    'routing or Request/Response objects (one route wired straight to node:http, kept in bench/servers as the ceiling of this design). Rounds alternate between the layers ' +
    'so drift in the load of the machine hits all of them alike; the table shows the median requests/s of the rounds with min and max, the median ' +
    'p50/p99 latency, and the ratio of medians to the bare server. The profile is V8’s CPU profiler (the one `node --cpu-prof` runs) in the mock HLR process, started after a warm-up, under the same load.',
  async run(mode) {
    const settings = SETTINGS[mode];
    const rows: BenchRow[] = [];
    const targets: BenchTarget[] = [];
    const notes: string[] = [];
    const top = settings.connections[settings.connections.length - 1]!;
    for (const connections of settings.connections) {
      const results = new Map<string, LoadResult[]>();
      const servers = await Promise.all(LAYERS.map((l) => startTargetServer(SERVER, [l.mode])));
      try {
        for (let round = 0; round < settings.rounds; round++) {
          for (const [i, layer] of LAYERS.entries()) {
            const result = await load(servers[i]!, { connections, seconds: settings.seconds });
            results.set(layer.mode, [...(results.get(layer.mode) ?? []), result]);
          }
        }
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
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
        if (layer.mode === 'mock-hlr' && connections === top) {
          const ratio = rps.median / ceiling;
          const fast = spread(results.get('mock-hlr-node')!.map((r) => r.requestsPerSecond)).median / ceiling;
          targets.push({
            name: `mock HLR vs bare server, ${connections} connections`,
            target: `>= ${TARGET_RATIO.toFixed(2)}`,
            measured: ratio.toFixed(2),
            met: ratio >= TARGET_RATIO,
            ...(ratio < TARGET_RATIO
              ? {
                  note: `short by ${(TARGET_RATIO - ratio).toFixed(2)} (${Math.round((100 * (TARGET_RATIO - ratio)) / TARGET_RATIO)}% of the target). Serving builds no WHATWG Requests or Responses (mocks/http/lite-message.ts); the cost is in the node:http parser and socket writes, Milenage, zod both ways and routing: see the profile below. The HLR's one route on node:http with no routing at all reaches ${fast.toFixed(2)} of bare, about the most this design can give`,
                }
              : {}),
          });
        }
      }
    }
    if (settings.profile)
      notes.push(
        ...(await profileMockHlr(top, 3).catch((e: unknown) => [`The profile run failed (${String(e)}), so no profile is shown.`])),
      );
    return { rows, targets, notes };
  },
};

/** Loads the mock HLR, profiles it (V8's CPU profiler, started after a warm-up) and says where its CPU went. */
async function profileMockHlr(connections: number, seconds: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'roam-bench-prof-'));
  try {
    const server = await startTargetServer(SERVER, ['mock-hlr'], { env: { ROAM_BENCH_PROFILE: join(dir, 'mock-hlr.cpuprofile') } });
    let result: LoadResult;
    try {
      await load(server, { connections, seconds: 1 });
      server.signal('SIGUSR2');
      await new Promise((resolve) => setTimeout(resolve, 200));
      result = await load(server, { connections, seconds });
    } finally {
      await server.stop();
    }
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) return ['The mock HLR wrote no CPU profile (it did not exit cleanly), so no profile is shown.'];
    const summary = summariseProfile(join(dir, file), BUCKETS);
    return [
      `Profile of the mock HLR process (V8's CPU profiler, as \`node --cpu-prof\` runs it, started after 1 s of warm-up load; ${connections} connections, ${seconds} s, ${Math.round(result.requestsPerSecond)} requests/s while profiled), each sample charged to the innermost frame of a known source: ${formatShares(summary.buckets)}.`,
      `Functions with the most self time: ${formatShares(summary.topSelf)}.`,
      'Done since the first run (0.21 of bare): serve.ts hands handlers a LiteRequest read into memory and writes the LiteResponse the json/problem helpers build, without undici objects or web streams; MSW still gets real Responses. Left: routing, zod validation both ways, Milenage and the node:http machinery itself; the `mock-hlr-node` row (one route, no routing, no health or token checks) is the ceiling of this design.',
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

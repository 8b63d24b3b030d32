/**
 * The start-up benchmark's child: from a fresh Node process to a ready
 * roaming world (home 262-01, visited 208-01 and 214-01, every element and
 * every proxy up), then one JSON line `{ importMs, readyMs, links }` (ms
 * since the process started) and a clean exit.
 *
 * It imports `roaming-harness/world` from the built package (dist/, as
 * `npm run build` and an install make it, found by the package's own name),
 * so the files a user's process loads are the ones measured.
 *
 * Usage: node world-start.js
 */
// By the package's own name: Node resolves it through package.json's exports, as in a user's project.
const worldEntry = 'roaming-harness/world';
const { startRoamingWorld } = (await import(worldEntry)) as typeof import('../../world/index.js');
const importMs = performance.now();
const world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01', '214-01'] });
const readyMs = performance.now();
process.stdout.write(JSON.stringify({ importMs, readyMs, links: world.links.length }) + '\n');
await world.close();

/**
 * The start-up benchmark's child: from a fresh Node process to a ready
 * roaming world (home 262-01, visited 208-01 and 214-01, every element and
 * every proxy up), then one JSON line `{ importMs, readyMs, links }` (ms
 * since the process started) and a clean exit.
 *
 * Usage: node world-start.js
 */
const { startRoamingWorld } = await import('../../world/roaming-world.js');
const importMs = performance.now();
const world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01', '214-01'] });
const readyMs = performance.now();
process.stdout.write(JSON.stringify({ importMs, readyMs, links: world.links.length }) + '\n');
await world.close();

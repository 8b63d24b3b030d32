import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startRoamingWorld } from '../../world/roaming-world.js';
import { repoRoot } from './inline-project.js';

/** The message `work` fails with. */
async function messageOf(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected an error, but it worked');
}

/**
 * The errors the README's troubleshooting section quotes, each reproduced for
 * real: `text error=<key>` blocks must equal what these produce.
 */
export const README_ERRORS: Readonly<Record<string, () => Promise<string>>> = {
  'unknown-link': async () => {
    await using world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'] });
    return messageOf(async () => world.chaos.link('vlr:208-01 -> hlr:310-410').latency({ ms: 100 }));
  },
  'bad-fault': async () => {
    await using world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'] });
    return messageOf(() => world.chaos.link('ue -> vlr:208-01').loss({ percent: 120 }));
  },
  'toxiproxy-unreachable': () =>
    messageOf(() =>
      startRoamingWorld({ home: ['262-01'], visited: ['208-01'], chaos: { backend: 'external', url: 'http://127.0.0.1:9' } }),
    ),
  'bad-hlr': () => messageOf(() => startRoamingWorld({ hlr: 'osmo' as never })),
};

/** What a command prints, for the README's `text output=<key>` blocks. */
export const README_OUTPUTS: Readonly<Record<string, () => Promise<string>>> = {
  'lab-up': () => labUpOutput(),
};

/** Starts `roam lab up` on a free port, collects what it prints until it is ready, and stops it. */
function labUpOutput(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist/cli/main.js'), 'lab', 'up', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const collect = (d: Buffer) => {
      out += d;
      if (out.includes('Ready.')) child.kill('SIGINT');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', () => resolve(out));
  });
}

import { startRoamingWorld } from '../../fixtures/world/roaming-world.js';

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

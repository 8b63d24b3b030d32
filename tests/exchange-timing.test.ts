import { test, expect } from '@playwright/test';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { startRoamingWorld } from '../world/roaming-world.js';
import { EXCHANGE_CHANNEL, enableExchangeTiming, timeProcedure, type ExchangeTiming } from '../mocks/http/exchange-timing.js';

// Each exchange's wall time splits into the elements' own work (Server-Timing) and the harness's
// (client, proxy, sockets, queues). Delays put on purpose on one side must land on that side.

test.beforeAll(() => enableExchangeTiming());
test.afterAll(() => enableExchangeTiming(false));

for (const elementHost of ['in-process', 'worker'] as const) {
  test(`a slow HLR counts as element time, a slow link as harness time (${elementHost})`, async () => {
    test.setTimeout(60_000);
    await using world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'], elementHost });
    const [slowElement, slowLink] = await world.subscribers.createMany({ count: 2 });
    const seen: ExchangeTiming[] = [];
    const listener = (message: unknown) => void seen.push(message as ExchangeTiming);
    subscribe(EXCHANGE_CHANNEL, listener);
    try {
      const hlr = world.homeNetwork('262-01').hlrElement!;
      await fetch(`${hlr.url}/admin/v1/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'slow', delayMs: 150, path: '/hlr/v1/auth-info' }),
      });
      const byElement = await timeProcedure(() => world.attach(slowElement!, { visited: '208-01' }));
      expect(byElement.result.state).toBe('REGISTERED');
      // SendAuthInfo waited 150 ms inside the HLR: element time, reported up through the VLR to the phone.
      expect(byElement.elementMs).toBeGreaterThanOrEqual(150);
      expect(byElement.harnessMs).toBeLessThanOrEqual(byElement.wallMs - 150);
      await fetch(`${hlr.url}/admin/v1/faults`, { method: 'DELETE' });

      await using _latency = await world.chaos.link('vlr:208-01 -> hlr:262-01').latency({ ms: 150 });
      const byLink = await timeProcedure(() => world.attach(slowLink!, { visited: '208-01' }));
      expect(byLink.result.state).toBe('REGISTERED');
      // Two HLR exchanges crossed the slow link (SendAuthInfo, UpdateLocation): harness time, not the elements'.
      expect(byLink.harnessMs).toBeGreaterThanOrEqual(300);
      expect(byLink.elementMs).toBeLessThanOrEqual(byLink.wallMs - 300);
    } finally {
      unsubscribe(EXCHANGE_CHANNEL, listener);
    }
    // The phone's exchanges are published in this thread, each with its element share.
    const names = new Set(seen.map((s) => s.name));
    expect(names).toContain('vlr.attachRequest');
    expect(names).toContain('vlr.authenticationResponse');
    for (const s of seen) expect(s.elementMs).toBeLessThanOrEqual(s.wallMs);
    expect(seen.filter((s) => s.name === 'vlr.attachRequest').some((s) => s.elementMs >= 150)).toBe(true);
  });
}

test('with timing off, elements send no Server-Timing and procedures still run', async () => {
  enableExchangeTiming(false);
  try {
    await using world = await startRoamingWorld({ home: ['262-01'], visited: ['208-01'] });
    const answer = await fetch(`${world.homeNetwork('262-01').hlrElement!.url}/healthz`);
    expect(answer.headers.get('server-timing')).toBeNull();
    const roamer = await world.subscribers.create();
    const timed = await timeProcedure(() => world.attach(roamer, { visited: '208-01' }));
    expect(timed.result.state).toBe('REGISTERED');
    expect(timed.elementMs).toBe(0);
  } finally {
    enableExchangeTiming();
  }
});

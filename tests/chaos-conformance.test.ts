import { test, expect } from '@playwright/test';
import {
  availableChaosBackends,
  CHAOS_BACKEND_KINDS,
  selectChaosBackend,
  type BackendAvailability,
  type StartedChaosBackend,
} from '../chaos/index.js';
import { LINK, startHttpStage } from '../chaos/test-support/http-stage.js';

// One chaos suite, run against every backend that is available here:
// embedded always, external when TOXIPROXY_URL answers, container when a
// container runtime is found. The others are skipped with the reason.

let availability: Promise<BackendAvailability[]> | undefined;
const available = (): Promise<BackendAvailability[]> => (availability ??= availableChaosBackends({ timeoutMs: 3_000 }));

for (const kind of CHAOS_BACKEND_KINDS) {
  test.describe(`chaos conformance on the ${kind} backend`, () => {
    let backend: StartedChaosBackend | undefined;
    let skipReason: string | undefined;

    test.beforeAll(async () => {
      test.setTimeout(180_000);
      const answer = (await available()).find((a) => a.kind === kind)!;
      if (!answer.available) {
        skipReason = answer.reason;
        return;
      }
      backend = await selectChaosBackend({ backend: kind });
    });
    test.afterAll(async () => {
      await backend?.close();
    });
    test.beforeEach(() => {
      test.skip(backend === undefined, `${kind} backend not available: ${skipReason}`);
    });

    test('latency delays requests and goes away', async () => {
      await using stage = await startHttpStage({ backend: backend! });
      await stage.request();
      const fault = await stage.chaos.link(LINK).latency({ ms: 200, direction: 'reverse' });
      expect((await stage.request()).ms).toBeGreaterThanOrEqual(195);
      await fault.remove();
      expect((await stage.request()).ms).toBeLessThan(180);
    });

    test('partitions: a blackhole swallows, a refused one refuses', async () => {
      await using stage = await startHttpStage({ backend: backend! });
      const blackhole = await stage.chaos.link(LINK).partition();
      expect((await stage.request({ timeoutMs: 400 })).code).toBe('TIMEOUT');
      await blackhole.remove();
      const refused = await stage.chaos.link(LINK).partition({ mode: 'refused' });
      expect((await stage.request()).ok).toBe(false);
      expect(await stage.chaos.isEnabled(LINK)).toBe(false);
      await refused.remove();
      expect((await stage.request()).ok).toBe(true);
    });

    test('bandwidth, reset, slow close and per-connection loss use the toxics Toxiproxy has', async () => {
      await using stage = await startHttpStage({ backend: backend! });
      await stage.request();
      const thin = await stage.chaos.link(LINK).bandwidth({ kilobytesPerSecond: 40, direction: 'reverse' });
      expect((await stage.request({ bytes: 20_000 })).ms).toBeGreaterThanOrEqual(350);
      await thin.remove();
      const reset = await stage.chaos.link(LINK).reset();
      expect((await stage.request()).ok).toBe(false);
      await reset.remove();
      const lossy = await stage.chaos.link(LINK).loss({ percent: 100, per: 'connection', onLoss: 'reset' });
      expect(lossy.embeddedOnly).toBe(false);
      expect((await stage.request()).ok).toBe(false);
      await lossy.remove();
      const slow = await stage.chaos.link(LINK).slowClose({ delayMs: 100 });
      expect(slow.embeddedOnly).toBe(false);
      expect((await stage.request()).ok).toBe(true);
    });

    test('flapping toggles the link, and clearFaults leaves it clean', async () => {
      await using stage = await startHttpStage({ backend: backend! });
      await stage.chaos.link(LINK).flapping({ periodMs: 400, downMs: 200 });
      await stage.chaos.link(LINK).latency({ ms: 50 });
      const seen = new Set<boolean>();
      for (let i = 0; i < 20 && seen.size < 2; i++) {
        seen.add(await stage.chaos.isEnabled(LINK));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect([...seen].sort()).toEqual([false, true]);
      await stage.chaos.clearFaults();
      expect(await stage.chaos.toxicsOn(LINK)).toEqual([]);
      expect(await stage.chaos.isEnabled(LINK)).toBe(true);
      expect((await stage.request()).ok).toBe(true);
    });

    test('embedded-only faults work on the embedded backend and are refused elsewhere', async () => {
      await using stage = await startHttpStage({ backend: backend! });
      const attempt = stage.chaos.link(LINK).loss({ percent: 20, burst: { meanLength: 3 } });
      if (backend!.embeddedToxics) {
        expect((await attempt).embeddedOnly).toBe(true);
      } else {
        await expect(attempt).rejects.toMatchObject({ code: 'ROAM_CHAOS_EMBEDDED_ONLY' });
        expect(await stage.chaos.toxicsOn(LINK)).toEqual([]);
      }
    });
  });
}

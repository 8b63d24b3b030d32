import { test, expect } from 'roaming-harness';
import { specs } from 'roaming-harness/specs';

specs('specs/*.roam.yaml');

for (const visited of ['208-01', '214-01']) {
  test(`ten roamers attach in ${visited} within the latency SLO`, async ({ world }) => {
    const roamers = await world.subscribers.createMany({ count: 10 });
    const outcomes = await Promise.all(roamers.map((r) => world.attach(r, { visited })));
    expect(outcomes.map((o) => o.latencyMs)).toMeetSlo('p(95)<2000ms');
  });
}

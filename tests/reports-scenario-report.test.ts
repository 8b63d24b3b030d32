import { test, expect, type TestInfo } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { RatingEngine } from '../simulator/billing/rating.js';
import { reconcile } from '../simulator/billing/reconcile.js';
import type { RoamingEvent } from '../simulator/roaming-events.js';
import { RoamingSimulator } from '../simulator/simulation/roaming-simulator.js';
import { labelScenario } from '../reporters/scenario-labels.js';
import { attachScenarioReport, REPORT_PROBLEM_ANNOTATION } from '../reporters/scenario-report.js';

// attachScenarioReport as the spec runner calls it at the end of a scenario,
// inside a real Playwright test: what it records is read back from testInfo,
// where allure-playwright's runtime puts every label, parameter and attachment.

const ALLURE_MESSAGE = 'application/vnd.allure.message+json';

interface Recorded {
  readonly files: { name: string; contentType: string; text: string }[];
  readonly labels: { name: string; value: string }[];
  readonly links: { url: string; name?: string; type?: string }[];
  readonly parameters: { name: string; value: string; excluded?: boolean }[];
}

function recorded(info: TestInfo): Recorded {
  const out: Recorded = { files: [], labels: [], links: [], parameters: [] };
  for (const a of info.attachments) {
    const text = a.body ? a.body.toString('utf8') : a.path ? readFileSync(a.path, 'utf8') : '';
    if (a.contentType !== ALLURE_MESSAGE) {
      out.files.push({ name: a.name, contentType: a.contentType, text });
      continue;
    }
    const message = JSON.parse(text) as { type: string; data: Partial<Omit<Recorded, 'files'>> };
    if (message.type !== 'metadata') continue;
    out.labels.push(...(message.data.labels ?? []));
    out.links.push(...(message.data.links ?? []));
    out.parameters.push(...(message.data.parameters ?? []));
  }
  return out;
}

/** A small roaming day in the pure simulator: two attaches in France, a call, and billing that lost one CDR. */
async function roamingScenario() {
  const sim = new RoamingSimulator({ seed: 11 });
  sim.registerHomeNetwork('262-01');
  sim.registerVisitedNetwork('208-01');
  const roamers = sim.createSubscribers({ home: '262-01', count: 2 });
  const attaches = [];
  for (const roamer of roamers) attaches.push(await sim.moveTo(roamer, '208-01'));
  const call = await sim.initiateCall({ subscriber: roamers[0]!, calledParty: '+33612345678', visited: '208-01' });
  await sim.elapse(65_000);
  await sim.terminateCall(call.correlationId);
  await sim.sendSms(roamers[1]!, '+4915100000000');
  await sim.settled();
  const billed = sim.billedRecords();
  expect(billed.length).toBeGreaterThan(1);
  const reconciliation = reconcile(sim.journal.records, billed.slice(1), { rating: new RatingEngine(sim.agreements) });
  expect(reconciliation.missing).toHaveLength(1);
  return { sim, roamers, attaches, reconciliation, events: sim.eventLog!.events };
}

test('a full scenario report: labels, parameters, partner links and every chart and table, with identities hashed', async () => {
  const { sim, roamers, attaches, reconciliation, events } = await roamingScenario();
  const now = Date.now();
  await attachScenarioReport(
    {
      title: 'A German roamer calls home from France',
      metadata: {
        id: 'IR24-LU-01',
        epic: 'International roaming',
        feature: 'Location update',
        story: 'Attach in a visited network',
        owner: 'roaming-qa',
        severity: 'critical',
        tags: ['attach', '@billing'],
        partnerCases: ['IR24-MOC-02'],
        file: 'specs/library/call-home.roam.yaml',
      },
      parameters: { seed: '11', clock: 'virtual', 'HLR backend': 'simulator', 'chaos backend': 'none', 'active faults': 'none' },
      events,
      procedures: attaches,
      latencies: [
        { name: 'attach_latency', samplesMs: attaches.map((a) => a.latencyMs), slo: 'p(95)<300ms' },
        { name: 'call_setup', samplesMs: [120, 180] },
      ],
      faults: [
        { link: 'vlr:208-01 -> hlr:262-01', description: 'latency 200ms ±0ms forward', startedAt: now - 3_000, endedAt: now - 1_000 },
        { link: 'ue -> vlr:208-01', description: 'partition both (refused)', startedAt: now - 500, endedAt: undefined },
      ],
      reconciliation,
      identities: sim.hasher,
    },
    { partnerCaseUrl: 'https://tc.example.com/ir24/{id}' },
  );
  const { files, labels, links, parameters } = recorded(test.info());

  expect(labels).toEqual(
    expect.arrayContaining([
      { name: 'severity', value: 'critical' },
      { name: 'epic', value: 'International roaming' },
      { name: 'feature', value: 'Location update' },
      { name: 'story', value: 'Attach in a visited network' },
      { name: 'owner', value: 'roaming-qa' },
      { name: 'tag', value: 'attach' },
      { name: 'tag', value: 'billing' },
      { name: 'partnerTestCase', value: 'IR24-LU-01' },
      { name: 'partnerTestCase', value: 'IR24-MOC-02' },
    ]),
  );
  expect(links).toEqual([
    expect.objectContaining({ url: 'https://tc.example.com/ir24/IR24-LU-01', name: 'IR24-LU-01', type: 'tms' }),
    expect.objectContaining({ url: 'https://tc.example.com/ir24/IR24-MOC-02', name: 'IR24-MOC-02', type: 'tms' }),
  ]);
  expect(parameters).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ name: 'spec', value: 'specs/library/call-home.roam.yaml' }),
      expect.objectContaining({ name: 'seed', value: '11', excluded: true }),
      expect.objectContaining({ name: 'clock', value: 'virtual' }),
      expect.objectContaining({ name: 'HLR backend', value: 'simulator' }),
      expect.objectContaining({ name: 'active faults', value: 'none', excluded: true }),
    ]),
  );

  const byName = (pattern: RegExp) => files.filter((f) => pattern.test(f.name));
  // Only the first procedure is charted by default; every attach here succeeded.
  const sequence = byName(/^Message sequence chart: attach sub_[0-9a-f]{16} in 208-01$/);
  expect(sequence).toHaveLength(1);
  expect(sequence[0]!.contentType).toBe('image/svg+xml');
  expect(sequence[0]!.text).toContain(attaches[0]!.steps[0]!.name);
  const latency = byName(/^Latency attach_latency p\(95\)<300ms$/);
  expect(latency).toHaveLength(1);
  expect(latency[0]!.text).toMatch(/^<svg/);
  expect(latency[0]!.text).toContain('SLO p(95)&lt;300ms');
  expect(byName(/^Latency call_setup$/)).toHaveLength(1);
  const timeline = byName(/^Chaos timeline$/);
  expect(timeline).toHaveLength(1);
  expect(timeline[0]!.text).toContain('2 faults on 2 links');
  const html = byName(/^Billing reconciliation$/)[0]!;
  expect(html.contentType).toBe('text/html');
  expect(html.text).toContain('Billing reconciliation: A German roamer calls home from France');
  expect(html.text).toContain('Drift: 1 missing, 0 duplicated, 0 mis-rated, 0 unexpected.');
  const csv = byName(/^Billing reconciliation \(CSV\)$/)[0]!;
  expect(csv.text.split('\r\n')[0]).toMatch(/^finding,/);
  expect(csv.text).toContain(`missing,`);
  expect(csv.text).toContain(sim.hasher.subscriber(reconciliation.missing[0]!.truth.imsi));
  const excerpt = byName(/^Event log excerpt, JSON Lines \(\d+ of \d+ events\)$/)[0]!;
  const lines = excerpt.text.trim().split('\n');
  expect(lines).toHaveLength(events.length);
  expect((JSON.parse(lines[0]!) as RoamingEvent).subscriber_id).toMatch(/^sub_[0-9a-f]{16}$/);
  expect(test.info().annotations.filter((a) => a.type === REPORT_PROBLEM_ANNOTATION)).toEqual([]);

  // Nothing that identifies a subscriber or opens their SIM is in any attachment.
  const everything = files.map((f) => f.text).join('\n');
  for (const roamer of roamers) {
    const { k, opc } = roamer.credentials.reveal();
    for (const secret of [roamer.imsi, roamer.msisdn, k, opc, k.toUpperCase(), opc.toUpperCase()]) expect(everything).not.toContain(secret);
  }
});

test('with only a title and events it still reports, charting the state transitions; nothing missing throws', async () => {
  const { events } = await roamingScenario();
  await attachScenarioReport({ title: 'bare', events: [] });
  expect(recorded(test.info()).files).toEqual([]);

  await attachScenarioReport({ title: 'from events', events });
  const { files, labels } = recorded(test.info());
  expect(labels).toEqual([]);
  const chart = files.find((f) => f.name.startsWith('Message sequence chart: '));
  expect(chart?.name).toMatch(/^Message sequence chart: attach sub_[0-9a-f]{16} in 208-01 \(state transitions\)$/);
  expect(chart?.text).toContain('IDLE → AUTHENTICATING');
  expect(files.map((f) => f.name)).not.toContain('Chaos timeline');
  expect(files.some((f) => f.name.startsWith('Event log excerpt'))).toBe(true);
});

test('a failed procedure gets its own chart, and a bad part is noted while the rest is still attached', async () => {
  const { attaches, events } = await roamingScenario();
  const rejected = {
    ...attaches[1]!,
    state: 'REJECTED' as const,
    steps: [...attaches[1]!.steps.slice(0, 1), { ...attaches[1]!.steps[1]!, result: 'error' as const, detail: 'ROAMING_NOT_ALLOWED' }],
  };
  await attachScenarioReport(
    {
      title: 'rejected',
      metadata: { id: 'IR24-LU-09' },
      events,
      procedures: [attaches[0]!, rejected],
      latencies: [{ name: 'attach_latency', samplesMs: [1, 2], slo: 'p95<1ms' }],
    },
    { partnerCaseUrl: 'ftp://nowhere' },
  );
  const { files, links } = recorded(test.info());
  const charts = files.filter((f) => f.name.startsWith('Message sequence chart: ')).map((f) => f.name);
  expect(charts).toHaveLength(2);
  expect(charts[1]).toMatch(/ \(REJECTED\)$/);
  expect(files.find((f) => f.name === charts[1])!.text).toContain('ROAMING_NOT_ALLOWED');
  expect(links).toEqual([]);
  const problems = files.find((f) => f.name === 'Scenario report problems');
  expect(problems?.text).toContain('[roam] Failed to report part of scenario "rejected"');
  expect(problems?.text).toContain('latency chart attach_latency: [roam] Failed to parse SLO "p95<1ms"');
  expect(problems?.text).toContain('labels: [roam] Failed to link partner test case "IR24-LU-09"');
  expect(test.info().annotations.filter((a) => a.type === REPORT_PROBLEM_ANNOTATION)).toHaveLength(1);
  expect(files.some((f) => f.name.startsWith('Event log excerpt'))).toBe(true);
});

test('labels are written once: by labelScenario at the start, and the report at the end writes only what it is given', async () => {
  await labelScenario(
    { id: 'IR24-LU-01', tags: ['roaming'], severity: 'critical', file: 'a.roam.yaml', epic: 'International roaming' },
    { partnerTestCaseUrl: 'https://tc.example.com/{id}' },
  );
  await attachScenarioReport({ title: 't', events: [], parameters: { seed: '7' } });
  const { labels, parameters } = recorded(test.info());
  expect(labels.filter((l) => l.name === 'epic')).toHaveLength(1);
  expect(labels.filter((l) => l.name === 'severity')).toHaveLength(1);
  expect(labels.filter((l) => l.name === 'partnerTestCase')).toHaveLength(1);
  expect(labels.filter((l) => l.name === 'tag' && l.value === 'roaming')).toHaveLength(1);
  expect(parameters.filter((p) => p.name === 'spec')).toHaveLength(1);
  expect(parameters.filter((p) => p.name === 'seed')).toEqual([expect.objectContaining({ value: '7' })]);
});

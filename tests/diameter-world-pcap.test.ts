import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { startRoamingWorld } from '../world/roaming-world.js';
import { findTool } from './support/find-tool.js';

// The pcap a world over Diameter writes when it closes: every S6a and Gy
// message on both sides of each chaos proxy, which Wireshark decodes as
// Diameter without being told the ports, with no malformed packet and no
// expert warning or error.

const TSHARK = findTool('tshark');
test.skip(!TSHARK, 'tshark is not installed (apt-get install tshark)');

const FIELDS = [
  'frame.number',
  'tcp.len',
  'diameter.cmd.code',
  'diameter.flags.request',
  'diameter.hopbyhopid',
  'diameter.Role-Of-Node',
  '_ws.expert.severity',
  '_ws.expert.message',
  '_ws.malformed',
] as const;
type Frame = Record<(typeof FIELDS)[number], string>;

/** Wireshark's expert severities (epan/proto.h): chat and note are informational; warn and error are problems. */
const PI_WARN = 0x0060_0000;

function dissect(pcap: string): Frame[] {
  const args = ['-r', pcap, '-T', 'fields', '-E', 'separator=|', '-E', 'occurrence=a', '-E', 'aggregator=,'];
  const run = spawnSync(TSHARK!, [...args, ...FIELDS.flatMap((f) => ['-e', f])], { encoding: 'utf8', timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => Object.fromEntries(line.split('|').map((value, i) => [FIELDS[i], value])) as Frame);
}

test('a world over Diameter writes a pcap of its S6a and Gy traffic that tshark decodes cleanly', async ({}, testInfo) => {
  test.setTimeout(90_000);
  const world = await startRoamingWorld({
    visited: ['208-01', '214-01'],
    protocols: { hlr: 'diameter', billing: 'diameter' },
    diameterPcap: testInfo.outputPath('world-{worker}.pcap'),
  });
  const path = testInfo.outputPath(`world-${testInfo.workerIndex}.pcap`);
  let messages: number;
  let keys: Buffer[] = [];
  try {
    const sim = world.simulator;
    const roamer = await world.subscribers.create();
    const { k, opc } = roamer.credentials.reveal();
    keys = [Buffer.from(k, 'hex'), Buffer.from(opc, 'hex')];
    expect((await world.attach(roamer, { visited: '208-01' })).state).toBe('REGISTERED');
    const made = await sim.initiateCall({ subscriber: roamer, calledParty: '+33612345678' });
    await sim.terminateCall(made.correlationId);
    const received = await sim.receiveCall({ subscriber: roamer, callingParty: '+4930123456' });
    await sim.terminateCall(received.correlationId);
    expect((await world.attach(roamer, { visited: '214-01' })).state).toBe('REGISTERED');
    await expect.poll(() => world.visitedNetwork('208-01').vlr.records.has(roamer.imsi), { timeout: 10_000 }).toBe(false);
    await sim.detach(roamer);
    expect(await world.drainCharging(10_000)).toBe(true);
  } finally {
    await world.close();
    messages = world.diameterPcap!.messages;
  }
  expect(existsSync(path)).toBe(true);
  // No Diameter message carries K or OPc: the capture cannot hold them.
  const bytes = readFileSync(path);
  expect(keys.map((key) => bytes.includes(key))).toEqual([false, false]);
  await testInfo.attach('world-diameter.pcap', { path, contentType: 'application/vnd.tcpdump.pcap' });

  const frames = dissect(path);
  const payload = frames.filter((f) => Number(f['tcp.len']) > 0);
  expect(payload).toHaveLength(messages);
  expect(payload.filter((f) => !f['diameter.cmd.code'])).toEqual([]);
  expect(frames.filter((f) => f['_ws.malformed'])).toEqual([]);
  const problems = frames.filter((f) => f['_ws.expert.severity'].split(',').some((s) => Number(s) >= PI_WARN));
  expect(problems.map((f) => `${f['frame.number']}: ${f['_ws.expert.message']}`)).toEqual([]);

  const requests = (code: number) => payload.filter((f) => f['diameter.cmd.code'] === String(code) && f['diameter.flags.request'] === '1');
  // Capabilities exchange at start, AIR, ULR, CLR, PUR, CCR, and the DPRs of the close.
  for (const code of [257, 318, 316, 317, 321, 272, 282]) expect(requests(code).length, `command ${code}`).toBeGreaterThan(0);
  // Each request is seen twice: between the VLR and the proxy, then between the proxy and the server.
  const air = requests(318).map((f) => f['diameter.hopbyhopid']);
  expect(air).toHaveLength(4); // two attaches
  expect(new Set(air).size).toBe(2);
  // The call made is charged as originating, the call received as terminating.
  const roles = new Set(
    requests(272)
      .map((f) => f['diameter.Role-Of-Node'])
      .filter(Boolean),
  );
  expect([...roles].sort()).toEqual(['0', '1']);
});

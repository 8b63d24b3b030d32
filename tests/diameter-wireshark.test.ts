import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { DiameterTrace } from '../peers/diameter/diameter-trace.js';
import { startDiameterStage, type DiameterStage } from './support/diameter-stage.js';
import { findTool } from './support/find-tool.js';

// Wireshark's Diameter dissector agrees with our codec: a pcap of a
// scenario's S6a and Gy traffic (attach, a move to another country with its
// CLR, a detach with its PUR, a call, a data session) decodes in tshark
// with no malformed packet and no expert warning or error, and each request
// carries the AVPs we sent with our values.

const TSHARK = findTool('tshark');
test.skip(!TSHARK, 'tshark is not installed (apt-get install tshark)');

const FIELDS = [
  'frame.number',
  'tcp.len',
  'diameter.cmd.code',
  'diameter.flags.request',
  'diameter.User-Name',
  'diameter.Visited-PLMN-Id',
  'diameter.RAT-Type',
  'diameter.Number-Of-Requested-Vectors',
  'diameter.Cancellation-Type',
  'diameter.CC-Request-Type',
  'diameter.CC-Request-Number',
  'diameter.Service-Context-Id',
  'diameter.Subscription-Id-Data',
  'diameter.Rating-Group',
  'diameter.CC-Time',
  'diameter.CC-Total-Octets',
  'diameter.3GPP-SGSN-MCC-MNC',
  '_ws.expert.severity',
  '_ws.expert.message',
  '_ws.malformed',
] as const;
type Frame = Record<(typeof FIELDS)[number], string>;

/** Wireshark's expert severities (epan/proto.h): chat and note are informational; warn and error are problems. */
const PI_WARN = 0x0060_0000;

function dissect(pcap: string, decodeAs: readonly number[]): Frame[] {
  const args = [
    '-r',
    pcap,
    ...decodeAs.flatMap((port) => ['-d', `tcp.port==${port},diameter`]),
    '-T',
    'fields',
    '-E',
    'separator=|',
    '-E',
    'occurrence=a',
    '-E',
    'aggregator=,',
  ];
  const run = spawnSync(TSHARK!, [...args, ...FIELDS.flatMap((f) => ['-e', f])], { encoding: 'utf8', timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => Object.fromEntries(line.split('|').map((value, i) => [FIELDS[i], value])) as Frame);
}

async function scenario(stage: DiameterStage): Promise<string> {
  const roamer = stage.subscriber();
  expect((await stage.attach(roamer, '208-01')).state).toBe('REGISTERED');
  const vlr = stage.vlrs.get('208-01')!;
  const call = await vlr.originateCall({ imsi: roamer.imsi, otherParty: '+33612345678' });
  await vlr.releaseCall(call.callId);
  const data = await vlr.openDataSession({ imsi: roamer.imsi });
  await vlr.reportDataUsage({ sessionId: data.sessionId, bytesUp: 700, bytesDown: 1_300 });
  await vlr.closeDataSession({ sessionId: data.sessionId, bytesUp: 0, bytesDown: 0 });
  expect((await stage.attach(roamer, '214-01')).state).toBe('REGISTERED');
  await stage.hlr.cancellationsSettled();
  await stage.vlrs.get('214-01')!.detach({ imsi: roamer.imsi });
  await Promise.all([...stage.vlrs.values()].map((v) => v.settled()));
  return roamer.imsi;
}

test('every S6a and Gy message of a scenario decodes in tshark without a problem and with the AVPs we sent', async ({}, testInfo) => {
  const trace = new DiameterTrace();
  await using stage = await startDiameterStage({ onTraffic: trace.onTraffic });
  const imsi = await scenario(stage);
  const pcap = testInfo.outputPath('diameter.pcap');
  await writeFile(pcap, trace.pcap());
  await testInfo.attach('diameter.pcap', { path: pcap, contentType: 'application/vnd.tcpdump.pcap' });
  await testInfo.attach('diameter-steps.json', { body: JSON.stringify(trace.steps, null, 2), contentType: 'application/json' });
  // The report steps never show the IMSI in clear (no identity renderer was given) nor key material.
  const steps = JSON.stringify(trace.steps);
  expect(steps).not.toContain(imsi);
  expect(steps).toContain('"name":"KASME","code":1450,"vendorId":10415,"flags":"VM","value":"<32 bytes not shown>"');

  const frames = dissect(pcap, [stage.hss.port, stage.ocs[0]!.port]);
  const payload = frames.filter((f) => Number(f['tcp.len']) > 0);
  expect(payload.length).toBe(trace.steps.length);
  expect(payload.filter((f) => !f['diameter.cmd.code'])).toEqual([]);
  expect(frames.filter((f) => f['_ws.malformed'])).toEqual([]);
  const problems = frames.filter((f) => f['_ws.expert.severity'].split(',').some((s) => Number(s) >= PI_WARN));
  expect(problems.map((f) => `${f['frame.number']}: ${f['_ws.expert.message']}`)).toEqual([]);

  const requests = (code: number) => payload.filter((f) => f['diameter.cmd.code'] === String(code) && f['diameter.flags.request'] === '1');
  const [air] = requests(318);
  expect(air).toMatchObject({
    'diameter.User-Name': imsi,
    'diameter.Visited-PLMN-Id': '02f810',
    'diameter.Number-Of-Requested-Vectors': '1',
  });
  expect(requests(316).map((f) => [f['diameter.User-Name'], f['diameter.Visited-PLMN-Id'], f['diameter.RAT-Type']])).toEqual([
    [imsi, '02f810', '1004'],
    [imsi, '12f410', '1004'],
  ]);
  expect(requests(317)).toEqual([expect.objectContaining({ 'diameter.User-Name': imsi, 'diameter.Cancellation-Type': '0' })]);
  expect(requests(321)).toEqual([expect.objectContaining({ 'diameter.User-Name': imsi })]);

  const ccrs = requests(272).map((f) => ({
    type: f['diameter.CC-Request-Type'],
    number: f['diameter.CC-Request-Number'],
    context: f['diameter.Service-Context-Id'],
    subscriber: f['diameter.Subscription-Id-Data'],
    group: f['diameter.Rating-Group'],
    time: f['diameter.CC-Time'],
    octets: f['diameter.CC-Total-Octets'],
    visited: f['diameter.3GPP-SGSN-MCC-MNC'],
  }));
  const sent = { subscriber: imsi, visited: '20801' };
  expect(ccrs).toEqual([
    { ...sent, type: '1', number: '0', context: 'registration.32251@3gpp.org', group: '400', time: '', octets: '' },
    { ...sent, type: '1', number: '0', context: '32276@3gpp.org', group: '100', time: '600', octets: '' },
    { ...sent, type: '3', number: '1', context: '32276@3gpp.org', group: '100', time: expect.stringMatching(/^[01]$/), octets: '' },
    { ...sent, type: '1', number: '0', context: '32251@3gpp.org', group: '300', time: '', octets: '10000000' },
    { ...sent, type: '2', number: '1', context: '32251@3gpp.org', group: '300', time: '', octets: '10000000,2000' },
    { ...sent, type: '3', number: '2', context: '32251@3gpp.org', group: '300', time: '', octets: '0' },
    {
      ...sent,
      subscriber: imsi,
      visited: '21401',
      type: '1',
      number: '0',
      context: 'registration.32251@3gpp.org',
      group: '400',
      time: '',
      octets: '',
    },
  ]);
});

test('with the server ports shown as 3868, Wireshark decodes the pcap as Diameter without being told', async ({}, testInfo) => {
  let trace: DiameterTrace | undefined;
  await using stage = await startDiameterStage({ onTraffic: (t) => trace?.onTraffic(t) });
  trace = new DiameterTrace({
    rewritePorts: new Map([
      [stage.hss.port, 3868],
      [stage.ocs[0]!.port, 3868],
    ]),
  });
  await scenario(stage);
  const pcap = testInfo.outputPath('diameter-3868.pcap');
  await writeFile(pcap, trace.pcap());
  const payload = dissect(pcap, []).filter((f) => Number(f['tcp.len']) > 0);
  expect(payload.length).toBe(trace.steps.length);
  expect(payload.filter((f) => f['diameter.cmd.code'] === '')).toEqual([]);
});

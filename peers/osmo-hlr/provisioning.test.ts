import { test, expect } from '@playwright/test';
import { subscriberShown } from '../gsup/gsup-errors.js';
import { createServer } from 'node:net';
import { CtrlSession } from './ctrl.js';
import { InvalidIdentityError } from '../../simulator/domain-errors.js';
import { GsupClient } from '../gsup/gsup-client.js';
import { HlrCommandRejectedError } from './hlr-errors.js';
import { findOsmoHlr, startOsmoHlr } from './launcher.js';
import { openProvisioning, provisionSubscriber } from './provisioning.js';
import { parseCtrlSubscriber, parseVtySubscriber } from './subscriber-record.js';
import { K, OPC, testImsi, usim } from '../gsup/test-support/test-set-1.js';
import { VtyProvisioning } from './vty-provisioning.js';
import { VtySession } from './vty.js';

async function thrown(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

test('VTY show and CTRL info-all parse into the same record, without keys', () => {
  const vty = parseVtySubscriber(
    [
      '    ID: 3',
      '    IMSI: 901700000000003',
      '    MSISDN: 4915550000003',
      '    SGSN number: VLR-A',
      '    CS disabled',
      '    PS purged',
      '    2G auth: COMP128v1',
      '             KI=000102030405060708090a0b0c0d0e0f',
      '    3G auth: MILENAGE',
      `             K=${K}`,
      `             OPC=${OPC}`,
      '             IND-bitlen=5 last-SQN=64',
    ].join('\n'),
  );
  const ctrl = parseCtrlSubscriber(
    `\nid\t3\nimsi\t901700000000003\nmsisdn\t4915550000003\nnam_cs\t0\nnam_ps\t1\nsgsn_number\tVLR-A\nms_purged_cs\t0\nms_purged_ps\t1\nlmsi\t00000000` +
      `\naud2g.algo\tCOMP128v1\naud2g.ki\t000102030405060708090a0b0c0d0e0f\naud3g.algo\tMILENAGE\naud3g.k\t${K}\naud3g.opc\t${OPC}\naud3g.ind_bitlen\t5\naud3g.sqn\t64`,
  );
  const expected = {
    id: 3,
    imsi: '901700000000003',
    msisdn: '4915550000003',
    sgsnNumber: 'VLR-A',
    csEnabled: false,
    psEnabled: true,
    csPurged: false,
    psPurged: true,
    auth2g: 'COMP128v1',
    auth3g: { algorithm: 'MILENAGE', indBitlen: 5, lastSqn: 64 },
  };
  expect(vty).toEqual(expected);
  expect(ctrl).toEqual(expected);
  expect(JSON.stringify([vty, ctrl])).not.toContain(K);
});

test('an unreachable or silent VTY/CTRL fails with HlrChannelError instead of hanging', async () => {
  const silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const port = (silent.address() as { port: number }).port;
  try {
    const timedOut = await thrown(VtySession.open({ host: '127.0.0.1', port, timeoutMs: 200 }));
    expect(timedOut).toMatchObject({ code: 'ROAM_OSMO_HLR_CHANNEL', channel: 'vty', reason: 'timeout' });
    expect(timedOut.message).toMatch(/^\[roam\] Failed to connect to the VTY at 127\.0\.0\.1:\d+: no prompt came back within 200 ms\. /);
    await using ctrl = await CtrlSession.open({ host: '127.0.0.1', port, timeoutMs: 200 });
    expect(await thrown(ctrl.get('subscriber.by-imsi-901700000000001.info'))).toMatchObject({ channel: 'ctrl', reason: 'timeout' });
  } finally {
    silent.close();
  }
  const closedPort = await new Promise<number>((resolve) => {
    const probe = createServer().listen({ host: '127.0.0.1', port: 0 }, () => {
      const free = (probe.address() as { port: number }).port;
      probe.close(() => resolve(free));
    });
  });
  expect(await thrown(VtySession.open({ host: '127.0.0.1', port: closedPort }))).toMatchObject({
    channel: 'vty',
    reason: 'connect-failed',
  });
  expect(await thrown(CtrlSession.open({ host: '127.0.0.1', port: closedPort }))).toMatchObject({
    channel: 'ctrl',
    reason: 'connect-failed',
  });
});

test.describe('against osmo-hlr', () => {
  test.skip(!findOsmoHlr(), 'osmo-hlr is not installed (apt-get install osmo-hlr)');

  test('a VTY provisioning error surfaces as a clear exception, keys redacted', async () => {
    await using hlr = await startOsmoHlr();
    await using admin = await VtyProvisioning.open({ host: hlr.address });
    const imsi = testImsi(21);
    await admin.createSubscriber(imsi);

    const twice = await thrown(admin.createSubscriber(imsi));
    expect(twice).toBeInstanceOf(HlrCommandRejectedError);
    // The IMSI is quoted as its pseudonym, never in clear.
    const shown = subscriberShown(imsi);
    expect(twice).toMatchObject({ code: 'ROAM_OSMO_HLR_REJECTED', channel: 'vty', command: `subscriber imsi ${shown} create` });
    expect(twice.message).not.toContain(imsi);
    expect(twice.message).toBe(
      `[roam] Failed to run VTY command "subscriber imsi ${shown} create": osmo-hlr answered "% Subscriber already exists for IMSI = ${shown}". ` +
        'The subscriber exists already; delete it first or skip creating it.',
    );

    const missing = await thrown(admin.setMilenage(testImsi(22), { k: K, opc: OPC }));
    expect(missing).toBeInstanceOf(HlrCommandRejectedError);
    expect(missing.message).toContain(
      `update aud3g milenage k <redacted> opc <redacted>": osmo-hlr answered "% No subscriber for imsi = '${subscriberShown(testImsi(22))}'"`,
    );
    expect(missing.message.toLowerCase()).not.toContain(K);
    expect(missing.message.toLowerCase()).not.toContain(OPC);

    // osmo-hlr quotes a bad key back; what it says is redacted too.
    const badKey = `${K.slice(0, 31)}z`;
    const quoted = await thrown(
      admin.vty.run(`subscriber imsi ${imsi} update aud3g milenage k ${badKey} opc ${OPC}`, { secrets: [badKey, OPC] }),
    );
    expect(quoted.message).toContain(`osmo-hlr answered "% Invalid value for K: '<redacted>'"`);
    expect(quoted.message).not.toContain(badKey);

    // Checked before sending: the key is not shown, and no half-command reaches the VTY.
    const local = await thrown(admin.setComp128v1(imsi, { ki: 'not-a-key\nsubscriber imsi 1 delete' }));
    expect(local).toBeInstanceOf(InvalidIdentityError);
    expect(local.message).not.toContain('not-a-key');

    expect((await thrown(admin.vty.run('no such command'))).message).toMatch(/answered "% Unknown command\."/);
    // Informational `% ` lines are not errors, and the session is still usable after errors.
    await expect(admin.setMsisdn(imsi, '4915550000021')).resolves.toBeUndefined();
    await expect(admin.deleteSubscriber(imsi)).resolves.toBeUndefined();
    expect((await thrown(admin.showSubscriber(imsi))).message).toMatch(/No subscriber for imsi/);
  });

  test('CTRL provisioning works the same, and its errors are typed', async () => {
    await using hlr = await startOsmoHlr();
    await using admin = await openProvisioning({ host: hlr.address, channel: 'ctrl' });
    const imsi = testImsi(23);
    await provisionSubscriber(admin, { imsi, msisdn: '4915550000023', milenage: { k: K, opc: OPC }, networkAccessMode: 'ps' });
    expect(await admin.showSubscriber(imsi)).toMatchObject({
      imsi,
      msisdn: '4915550000023',
      csEnabled: false,
      psEnabled: true,
      auth3g: { algorithm: 'MILENAGE' },
    });

    await using vlr = await GsupClient.connect({ host: hlr.address });
    const [vector] = await vlr.sendAuthInfo(imsi, { count: 1 });
    expect(usim().authenticate(vector!.rand, vector!.autn).kind).toBe('response');

    const twice = await thrown(admin.createSubscriber(imsi));
    expect(twice).toMatchObject({ code: 'ROAM_OSMO_HLR_REJECTED', channel: 'ctrl', reply: 'Subscriber already exists.' });
    const missing = await thrown(admin.setMilenage(testImsi(24), { k: K, opc: OPC }));
    expect(missing.message).toContain('aud3g milenage,<redacted>,OPC,<redacted>": osmo-hlr answered "No such subscriber."');
    await admin.setMsisdn(imsi, null);
    await admin.deleteSubscriber(imsi);
    expect((await thrown(admin.showSubscriber(imsi))).message).toMatch(/No such subscriber/);
  });
});

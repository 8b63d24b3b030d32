import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { InvalidIdentityError } from '../domain-errors.js';
import { Milenage, milenage, TS_35_208_TEST_SETS, buildVector, buildVectors, sqnFromBytes } from './index.js';

test('the published data has all 20 test sets of TS 35.208 §4.3, each different', () => {
  expect(TS_35_208_TEST_SETS.map((t) => t.set)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  expect(new Set(TS_35_208_TEST_SETS.map((t) => t.k + t.rand)).size).toBe(20);
});

for (const t of TS_35_208_TEST_SETS) {
  test(`TS 35.208 test set ${t.set}: OPc, f1, f1*, f2, f3, f4, f5, f5* from OP and from OPc`, () => {
    const expected = { opc: t.opc, macA: t.f1, macS: t.f1star, res: t.f2, ck: t.f3, ik: t.f4, ak: t.f5, akStar: t.f5star };
    expect(milenage.opc(t.k, t.op)).toBe(t.opc);
    expect(milenage.compute({ k: t.k, op: t.op, rand: t.rand, sqn: t.sqn, amf: t.amf })).toEqual(expected);
    // The same through OPc, in upper case, and as bytes.
    expect(milenage.compute({ k: t.k.toUpperCase(), opc: t.opc.toUpperCase(), rand: t.rand, sqn: t.sqn, amf: t.amf })).toEqual(expected);
    const b = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));
    expect(milenage.compute({ k: b(t.k), opc: b(t.opc), rand: b(t.rand), sqn: b(t.sqn), amf: b(t.amf) })).toEqual(expected);
  });
}

test('AUTN is SQN xor AK, AMF and MAC-A, and the SIM check recovers SQN and accepts it, for every set', () => {
  for (const t of TS_35_208_TEST_SETS) {
    const vector = milenage.vector({ k: t.k, op: t.op, rand: t.rand, sqn: t.sqn, amf: t.amf });
    const concealed = Buffer.from(t.sqn, 'hex').map((byte, i) => byte ^ Buffer.from(t.f5, 'hex')[i]!);
    expect(vector.autn).toBe(Buffer.from(concealed).toString('hex') + t.amf + t.f1);
    expect(vector).toMatchObject({ rand: t.rand, xres: t.f2, ck: t.f3, ik: t.f4 });
    expect(milenage.verifyAutn({ k: t.k, opc: t.opc, rand: t.rand, autn: vector.autn })).toEqual({ macOk: true, sqn: t.sqn, amf: t.amf });
    // One flipped bit of MAC-A and the SIM refuses the network.
    const tampered = vector.autn.slice(0, 31) + (parseInt(vector.autn[31]!, 16) ^ 1).toString(16);
    expect(milenage.verifyAutn({ k: t.k, opc: t.opc, rand: t.rand, autn: tampered }).macOk).toBe(false);
  }
});

test('2G SRES (c2) and Kc (c3) from each 3G vector match TS 55.205 wherever it publishes them', () => {
  const published = TS_35_208_TEST_SETS.filter((t) => t.gsm);
  expect(published).toHaveLength(19);
  for (const t of published) {
    const vector = milenage.vector({ k: t.k, opc: t.opc, rand: t.rand, sqn: t.sqn, amf: t.amf });
    expect({ set: t.set, sres: vector.sres, kc: vector.kc }).toEqual({ set: t.set, ...t.gsm });
    expect(milenage.sres(t.f2)).toBe(t.gsm!.sres);
    expect(milenage.kc(t.f3, t.f4)).toBe(t.gsm!.kc);
  }
});

test('a batch of vectors is the same as one vector at a time', () => {
  const t = TS_35_208_TEST_SETS[6]!;
  const m = new Milenage(t.k, t.opc);
  const rands = [0, 1, 2, 3, 4].map((i) => Buffer.alloc(16, i + 1));
  let next = 0;
  const batch = buildVectors(m, [32, 64, 96, 128, 160], {
    rand: (n) => Buffer.concat(rands).subarray(0, n),
    amf: Buffer.from(t.amf, 'hex'),
  });
  const single = [32, 64, 96, 128, 160].map((sqn) => buildVector(m, sqn, { rand: rands[next++]!, amf: Buffer.from(t.amf, 'hex') }));
  expect(batch).toEqual(single);
  expect(new Set(batch.map((v) => v.rand)).size).toBe(5);
});

test('AUTS conceals SQN_MS with AK* and carries MAC-S over AMF 0000', () => {
  const t = TS_35_208_TEST_SETS[0]!;
  const auts = milenage.auts({ k: t.k, opc: t.opc, rand: t.rand, sqnMs: t.sqn });
  const m = new Milenage(t.k, t.opc);
  const rand = Buffer.from(t.rand, 'hex');
  const sqnMs = Buffer.from(auts.slice(0, 12), 'hex').map((byte, i) => byte ^ Buffer.from(t.f5star, 'hex')[i]!);
  expect(sqnFromBytes(Buffer.from(sqnMs))).toBe(sqnFromBytes(Buffer.from(t.sqn, 'hex')));
  expect(auts.slice(12)).toBe(m.f1(rand, Buffer.from(t.sqn, 'hex'), Buffer.alloc(2)).macS.toString('hex'));
  expect(auts.slice(12)).not.toBe(t.f1star); // f1* of the test set uses AMF b9b9, not 0000
});

test('malformed inputs raise one typed error naming the field and the expected length, never echoing keys', () => {
  const t = TS_35_208_TEST_SETS[0]!;
  const bad: [Record<string, string>, RegExp][] = [
    [{ rand: t.rand.slice(2) }, /RAND.*15 bytes.*A valid RAND is 16 bytes \(32 hex digits\)/],
    [{ sqn: 'xyz' }, /SQN.*not an even number of hex digits/],
    [{ amf: 'b9b9b9' }, /AMF.*3 bytes.*2 bytes/],
    [{ k: t.k.slice(1) }, /accept K \(value hidden\).*32 hex digits/],
  ];
  for (const [override, message] of bad) {
    const call = () => milenage.compute({ k: t.k, op: t.op, rand: t.rand, sqn: t.sqn, amf: t.amf, ...override });
    expect(call).toThrow(InvalidIdentityError);
    expect(call).toThrow(message);
  }
  expect(() => milenage.compute({ k: t.k, rand: t.rand, sqn: t.sqn, amf: t.amf })).toThrow(/neither op nor opc was given/);
  // A short K is refused, and the refusal does not quote it.
  const shortK = () => milenage.opc(t.k.slice(2), t.op);
  expect(shortK).toThrow(InvalidIdentityError);
  expect(shortK).not.toThrow(t.k.slice(2));
});

function osmoAucGen(args: string[]): Record<string, string> | undefined {
  try {
    const out = execFileSync('osmo-auc-gen', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return Object.fromEntries([...out.matchAll(/^([A-Za-z.]+):\s*(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
  } catch {
    return undefined;
  }
}

test('every test set agrees with Osmocom osmo-auc-gen (AUTN, RES, CK, IK, SRES, Kc; f1* and f5* through AUTS)', () => {
  test.skip(
    osmoAucGen(['--help']) === undefined &&
      osmoAucGen(['-3', '-a', 'milenage', '-k', '00'.repeat(16), '-o', '00'.repeat(16), '-r', '00'.repeat(16)]) === undefined,
    'osmo-auc-gen is not installed (Debian: libosmocore-utils)',
  );
  for (const t of TS_35_208_TEST_SETS) {
    const sqn = String(sqnFromBytes(Buffer.from(t.sqn, 'hex')));
    const osmo = osmoAucGen(['-3', '-a', 'milenage', '-k', t.k, '-O', t.op, '-r', t.rand, '-s', sqn, '-f', t.amf])!;
    const ours = milenage.vector({ k: t.k, op: t.op, rand: t.rand, sqn: t.sqn, amf: t.amf });
    expect({
      set: t.set,
      AUTN: osmo['AUTN'],
      RES: osmo['RES'],
      CK: osmo['CK'],
      IK: osmo['IK'],
      SRES: osmo['SRES'],
      Kc: osmo['Kc'],
    }).toEqual({
      set: t.set,
      AUTN: ours.autn,
      RES: ours.xres,
      CK: ours.ck,
      IK: ours.ik,
      SRES: ours.sres,
      Kc: ours.kc,
    });
    // osmo-auc-gen accepts our AUTS only if our f5* and f1* match its own, and then reports the SQN we concealed.
    const auts = milenage.auts({ k: t.k, opc: t.opc, rand: t.rand, sqnMs: t.sqn });
    const resync = osmoAucGen(['-3', '-a', 'milenage', '-k', t.k, '-o', t.opc, '-r', t.rand, '-A', auts, '-f', t.amf])!;
    expect({ set: t.set, sqnMs: resync['SQN.MS'] }).toEqual({ set: t.set, sqnMs: sqn });
  }
});

import { test, expect } from '@playwright/test';
import { AuthenticationCentre, AutsRejectedError, IND_SLOTS, Usim, milenage, splitSqn, sqnOf, TS_35_208_TEST_SETS } from './index.js';

const { k, opc } = TS_35_208_TEST_SETS[0]!;
const cloneK = '00112233445566778899aabbccddeeff';

test('the SIM answers with RES from its own K, and the network compares it with XRES', () => {
  const auc = new AuthenticationCentre(k, opc);
  const usim = new Usim(k, opc);
  const [vector] = auc.generate(1);
  const answer = usim.authenticate(vector!.rand, vector!.autn);
  expect(answer).toEqual({ kind: 'response', res: vector!.xres, ck: vector!.ck, ik: vector!.ik });
  expect(milenage.sres((answer as { res: string }).res)).toBe(vector!.sres);
});

test('a cloned SIM with the wrong K cannot verify the network (MAC failure) and would not produce XRES', () => {
  const auc = new AuthenticationCentre(k, opc);
  const [vector] = auc.generate(1);
  expect(new Usim(cloneK, opc).authenticate(vector!.rand, vector!.autn)).toEqual({ kind: 'mac-failure' });
  // Even a SIM that skipped the MAC check would compute another RES from its K.
  expect(milenage.compute({ k: cloneK, opc, rand: vector!.rand, sqn: '000000000000', amf: '8000' }).res).not.toBe(vector!.xres);
});

test('SQN freshness: a vector is accepted once; replaying it is a synchronisation failure', () => {
  const auc = new AuthenticationCentre(k, opc);
  const usim = new Usim(k, opc);
  const [first, second] = auc.generate(2);
  expect(usim.authenticate(first!.rand, first!.autn).kind).toBe('response');
  expect(usim.authenticate(second!.rand, second!.autn).kind).toBe('response');
  const replay = usim.authenticate(first!.rand, first!.autn);
  expect(replay.kind).toBe('sync-failure');
  expect(usim.highestAcceptedSqn).toBe(sqnOf(2, 0));
});

test('IND slots: vectors held by two VLRs stay fresh in each, whichever is used first (TS 33.102 Annex C)', () => {
  const auc = new AuthenticationCentre(k, opc);
  const usim = new Usim(k, opc);
  const [forVlrA] = auc.generate(1, 1);
  const [forVlrB] = auc.generate(1, 2);
  expect(usim.authenticate(forVlrB!.rand, forVlrB!.autn).kind).toBe('response');
  // Older SEQ, but another slot: still fresh.
  expect(usim.authenticate(forVlrA!.rand, forVlrA!.autn).kind).toBe('response');
  expect(splitSqn(usim.highestAcceptedSqn).ind).toBe(2);
  expect(IND_SLOTS).toBe(32);
});

test('AUTS resynchronisation: the home network moves SQN_HE past the SIM and the next vector is accepted', () => {
  const auc = new AuthenticationCentre(k, opc);
  const usim = new Usim(k, opc);
  usim.setSqn(sqnOf(5000, 0));
  const [stale] = auc.generate(1);
  const answer = usim.authenticate(stale!.rand, stale!.autn);
  expect(answer.kind).toBe('sync-failure');
  auc.resynchronise(stale!.rand, (answer as { auts: string }).auts);
  expect(auc.seq).toBe(5000);
  const [fresh] = auc.generate(1);
  expect(usim.authenticate(fresh!.rand, fresh!.autn).kind).toBe('response');
});

test('an AUTS that does not verify with the stored K is refused, and SQN_HE stays where it was', () => {
  const auc = new AuthenticationCentre(k, opc);
  const [vector] = auc.generate(1);
  const forged = milenage.auts({ k: cloneK, opc, rand: vector!.rand, sqnMs: '0000000fa000' });
  expect(() => auc.resynchronise(vector!.rand, forged)).toThrow(AutsRejectedError);
  expect(auc.seq).toBe(1);
});

test('a seeded RAND source makes vectors repeat; the default draws fresh RANDs', () => {
  let n = 0;
  const seeded = () => new AuthenticationCentre(k, opc, 0, { rand: (bytes) => Buffer.alloc(bytes, ++n % 2) });
  n = 0;
  const a = seeded().generate(1);
  n = 0;
  const b = seeded().generate(1);
  expect(a).toEqual(b);
  const random = new AuthenticationCentre(k, opc);
  expect(random.generate(1)[0]!.rand).not.toBe(random.generate(1)[0]!.rand);
});

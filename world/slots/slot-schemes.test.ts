import { test, expect } from '@playwright/test';
import { acceptedFor, resolveSlot } from './slot-schemes.js';
import { worldSlotsOf } from './world-slots.js';
import type { PlmnId } from '../../simulator/plmn.js';

test('builtin, mock and osmo-hlr are words; URLs resolve to the address a proxy forwards to', () => {
  expect(resolveSlot('hlr', 'mock', '262-01')).toEqual({ kind: 'builtin', role: 'hlr' });
  expect(resolveSlot('vlr', 'builtin', '208-01')).toEqual({ kind: 'builtin', role: 'vlr' });
  expect(resolveSlot('hlr', 'osmo-hlr', '262-01')).toEqual({ kind: 'osmo-hlr', role: 'hlr' });
  expect(resolveSlot('billing', 'http://127.0.0.1:7001/', '262-01')).toEqual({
    kind: 'external',
    role: 'billing',
    protocol: 'http',
    url: 'http://127.0.0.1:7001',
    address: '127.0.0.1:7001',
    options: {},
  });
  expect(resolveSlot('hlr', 'https://hlr.example', '262-01')).toMatchObject({ protocol: 'http', address: 'hlr.example:443' });
  expect(resolveSlot('hlr', 'gsup://127.0.0.5?vty=4258', '262-01')).toEqual({
    kind: 'external',
    role: 'hlr',
    protocol: 'gsup',
    url: 'gsup://127.0.0.5',
    address: '127.0.0.5:4222',
    options: { vty: '4258' },
  });
});

test('diameter:// is refused as not supported yet, naming what the slot takes', () => {
  expect(() => resolveSlot('hlr', 'diameter://127.0.0.1:3868', '262-01')).toThrow(
    '[roam] Failed to use "diameter://127.0.0.1:3868" as the hlr of 262-01: not supported yet: Diameter (S6a towards an HSS, Gy towards an OCS) has no peer in this version. Give builtin, osmo-hlr, http://host:port, https://host:port, gsup://host:port.',
  );
  expect(() => resolveSlot('billing', 'diameter://ocs:3868', '262-01')).toThrow(/not supported yet: Diameter/);
});

test('a slot refuses what its role cannot be, unknown words and schemes, and credentials in the URL', () => {
  expect(() => resolveSlot('vlr', 'gsup://127.0.0.5:4222', '208-01')).toThrow(
    /as the vlr of 208-01: a gsup element cannot be the vlr\. Give builtin, http:\/\/host:port, https:\/\/host:port\.$/,
  );
  expect(() => resolveSlot('billing', 'osmo-hlr', '262-01')).toThrow(/osmo-hlr is an HLR/);
  expect(() => resolveSlot('hlr', 'pyhss', '262-01')).toThrow(/"pyhss" as the hlr of 262-01: it is neither a known element nor a URL/);
  expect(() => resolveSlot('hlr', 'ftp://x:1', '262-01')).toThrow(/the scheme ftp is not known/);
  const leaked = (() => {
    try {
      resolveSlot('billing', 'http://user:secret@127.0.0.1:1', '262-01');
    } catch (error) {
      return (error as Error).message;
    }
  })();
  expect(leaked).toMatch(/the URL carries credentials/);
  expect(leaked).not.toContain('secret');
  expect(acceptedFor('billing')).toBe('builtin, http://host:port, https://host:port');
});

test('per-PLMN options fill the networks they name and leave the others built in; a PLMN not in the world is refused', () => {
  const homes = ['262-01', '262-02'] as PlmnId[];
  const visited = ['208-01'] as PlmnId[];
  const slots = worldSlotsOf({ hlr: { '262-02': 'gsup://127.0.0.9:4222' }, vlr: 'http://127.0.0.1:9' }, homes, visited);
  expect(slots.hlr.get('262-01' as PlmnId)).toEqual({ kind: 'builtin', role: 'hlr' });
  expect(slots.hlr.get('262-02' as PlmnId)).toMatchObject({ kind: 'external', protocol: 'gsup' });
  expect(slots.vlr.get('208-01' as PlmnId)).toMatchObject({ kind: 'external', protocol: 'http' });
  expect(slots.billing.get('262-02' as PlmnId)).toEqual({ kind: 'builtin', role: 'billing' });
  expect(() => worldSlotsOf({ billing: { '310-410': 'http://127.0.0.1:9' } }, homes, visited)).toThrow(
    /310-410 is not a home network of this world\. Key the billing option by one of 262-01, 262-02\.$/,
  );
});

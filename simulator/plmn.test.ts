import { test, expect } from '@playwright/test';
import { InvalidPlmnError } from './domain-errors.js';
import { isPlmnId, parsePlmn } from './plmn.js';

test('parses MCC-MNC in its usual spellings', () => {
  expect(parsePlmn('262-01')).toEqual({ mcc: '262', mnc: '01', id: '262-01' });
  expect(parsePlmn('310/410').id).toBe('310-410');
  expect(parsePlmn(' 208 01 ').id).toBe('208-01');
  expect(parsePlmn('001-01').id).toBe('001-01');
  expect(parsePlmn('26201').id).toBe('262-01');
});

test('keeps the MNC length, since 01 and 001 are different networks', () => {
  expect(parsePlmn('310-010').id).not.toBe(parsePlmn('310-10').id);
});

for (const bad of ['262-1', '2620-01', 'abc-01', '262-0001', '', '062-01', '100-01']) {
  test(`refuses ${JSON.stringify(bad)} with a typed error naming it`, () => {
    let error: unknown;
    try {
      parsePlmn(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidPlmnError);
    expect((error as Error).message).toContain(JSON.stringify(bad));
    expect((error as Error).message).toContain('e.g. "262-01"');
    expect(isPlmnId(bad)).toBe(false);
  });
}

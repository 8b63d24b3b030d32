import { test, expect } from '@playwright/test';
import { milenage } from './index.js';

test('TS 35.208 test set 1', async () => {
  await using _x = { async [Symbol.asyncDispose]() {} };
  const out = milenage.compute({
    k: '465b5ce8b199b49faa5f0a2ee238a6bc',
    op: 'cdc202d5123e20f62b6d676ac72cb318',
    rand: '23553cbe9637a89d218ae64dae47bf35',
    sqn: 'ff9bb4d0b607',
    amf: 'b9b9',
  });
  expect(out.res).toBe('a54211d5e3ba50bf');
});

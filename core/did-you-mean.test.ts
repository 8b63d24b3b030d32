import { test, expect } from '@playwright/test';
import { closest, didYouMean, editDistance } from './did-you-mean.js';

const COMMANDS = ['run', 'validate', 'drill', 'lab', 'subscribers', 'events', 'tap', 'report', 'evidence', 'toxiproxy', 'demo', 'help'];

test('editDistance counts a swap of neighbours as one edit', () => {
  expect(editDistance('validate', 'validate')).toBe(0);
  expect(editDistance('valdiate', 'validate')).toBe(1);
  expect(editDistance('valdate', 'validate')).toBe(1);
  expect(editDistance('', 'run')).toBe(3);
  expect(editDistance('kitten', 'sitting')).toBe(3);
});

test('closest finds typos and unambiguous prefixes, and nothing for unrelated words', () => {
  expect(closest('valdate', COMMANDS)).toBe('validate');
  expect(closest('evidnce', COMMANDS)).toBe('evidence');
  expect(closest('REPORT', COMMANDS)).toBe('report');
  expect(closest('toxi', COMMANDS)).toBe('toxiproxy');
  expect(closest('deploy', COMMANDS)).toBeUndefined();
  expect(closest('x', COMMANDS)).toBeUndefined();
  expect(closest('--ouput', ['--output', '--key', '--help'])).toBe('--output');
  expect(didYouMean('drll', COMMANDS)).toBe(' Did you mean "drill"?');
  expect(didYouMean('zzzzzz', COMMANDS)).toBe('');
});

import { test, expect } from '@playwright/test';
import { hangingIndent, MIN_WRAP_WIDTH, terminalWidth, wrapText } from './text-wrap.js';

test('terminalWidth: a terminal\'s columns; $COLUMNS when not a terminal; else no limit', () => {
  expect(terminalWidth({ isTTY: true, columns: 120 }, {})).toBe(120);
  expect(terminalWidth({ isTTY: true, columns: 120 }, { COLUMNS: '60' })).toBe(120);
  expect(terminalWidth({ isTTY: false }, { COLUMNS: '100' })).toBe(100);
  expect(terminalWidth({}, { COLUMNS: 'wide' })).toBeUndefined();
  expect(terminalWidth({}, {})).toBeUndefined();
  // A tiny window still gets readable lines.
  expect(terminalWidth({ isTTY: true, columns: 12 }, {})).toBe(MIN_WRAP_WIDTH);
});

test('wrapText breaks at spaces, keeps line breaks, and cuts only a word wider than the line', () => {
  expect(wrapText('attach latency p(95) breached', 14)).toEqual(['attach latency', 'p(95) breached']);
  expect(wrapText('one\ntwo three', 5)).toEqual(['one', 'two', 'three']);
  expect(wrapText('ab 0123456789abc', 6)).toEqual(['ab 012', '345678', '9abc']);
  expect(wrapText('no limit at all', undefined)).toEqual(['no limit at all']);
  for (const line of wrapText('vlr:208-01 -> hlr:262-01 latency 200ms ±0ms forward on a slow inter-PLMN link', 20)) {
    expect(line.length).toBeLessThanOrEqual(20);
  }
});

test('hangingIndent puts the text after its label and the rest under the indent, within the width', () => {
  const lines = hangingIndent('  a.roam.yaml:3:5  steps[0]  ', '      ', 'unknown step "atach"; write one of attach, detach, call, handover', 60);
  expect(lines[0]).toBe('  a.roam.yaml:3:5  steps[0]  unknown step "atach"; write one');
  expect(lines.slice(1)).toEqual(['      of attach, detach, call, handover']);
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
  // A label that leaves no room: the text goes below it.
  expect(hangingIndent('x'.repeat(55) + '  ', '    ', 'short text', 60)).toEqual(['x'.repeat(55), '    short text']);
  // Without a width the text's own lines are kept.
  expect(hangingIndent('> ', '  ', 'a\nb', undefined)).toEqual(['> a', '  b']);
});

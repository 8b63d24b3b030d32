import { expect, test } from '@playwright/test';
import { parseSpecText } from './loader.js';
import { specKeysAt } from './spec-keys.js';

const SPEC = `scenario: Typos a user makes
world:
  home: { plmn: 262-01 }
  visited:
    - plmn: 208-01
subscribers:
  travellers: { count: 1, home: 262-01, profil: consumer }
steps:
  - atach: { who: travellers, visited: 208-01 }
  - attach: { who: travellers, visted: 208-01 }
expect:
  slo:
    atach_success: rate>=90%
`;

test('the keys of a place in a spec come from its schema, through lists, unions and references', () => {
  expect(specKeysAt([])).toEqual(expect.arrayContaining(['scenario', 'world', 'steps', 'expect', 'drill', 'hypothesis']));
  expect(specKeysAt(['steps', 3])).toEqual(expect.arrayContaining(['attach', 'handoff', 'call', 'wait', 'fault']));
  expect(specKeysAt(['steps', 0, 'attach'])).toEqual(expect.arrayContaining(['who', 'visited', 'networks']));
  expect(specKeysAt(['no', 'such', 'place'])).toEqual([]);
});

test('an unknown field or metric is answered with the nearest known one, at the key itself', () => {
  const { problems } = parseSpecText(SPEC, 'typos.roam.yaml');
  const byPath = Object.fromEntries(problems.map((p) => [p.path, `${p.location.line}:${p.location.column}: ${p.message}`]));
  expect(byPath['subscribers.travellers.profil']).toBe('7:41: unknown field; did you mean "profile"?');
  expect(byPath['steps[0].atach']).toBe('9:5: unknown field; did you mean "attach"?');
  expect(byPath['steps[1].attach.visted']).toBe('10:32: unknown field; did you mean "visited"?');
  expect(byPath['expect.slo.atach_success']).toMatch(
    /^13:5: unknown metric "atach_success"; did you mean "attach_success"\? the metrics are /,
  );
});

test('a PLMN id YAML read as a number says what to write', () => {
  const { problems } = parseSpecText(SPEC.replace('home: { plmn: 262-01 }', 'home: { plmn: 26201 }'), 'typos.roam.yaml');
  expect(problems.find((p) => p.path === 'world.home.plmn')?.message).toBe('expected a PLMN id such as 262-01 (MCC, dash, MNC), got 26201');
});

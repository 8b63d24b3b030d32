import { test, expect } from '@playwright/test';
import { decodeGoValue, type GoType } from './go-json/decode.js';
import { goFloat32, goJsonString } from './go-json/encode.js';
import { readGoJsonValue } from './go-json/scanner.js';

function scanError(text: string): string | undefined {
  const result = readGoJsonValue(Buffer.from(text, 'latin1'));
  return result.ok ? undefined : result.error;
}

test('the scanner reports what Go reports', () => {
  expect(scanError('')).toBe('EOF');
  expect(scanError(' \t\r\n')).toBe('EOF');
  expect(scanError('[1,')).toBe('unexpected EOF');
  expect(scanError('-')).toBe('unexpected EOF');
  expect(scanError('nul')).toBe('unexpected EOF');
  expect(scanError('nulx')).toBe("invalid character 'x' in literal null (expecting 'l')");
  expect(scanError('{"a":1,}')).toBe("invalid character '}' looking for beginning of object key string");
  expect(scanError('[1,]')).toBe("invalid character ']' looking for beginning of value");
  expect(scanError('{"a":1e}')).toBe("invalid character '}' in exponent of numeric literal");
  expect(scanError('"\\u12x4"')).toBe("invalid character 'x' in \\u hexadecimal character escape");
  expect(scanError('"a\nb"')).toBe("invalid character '\\n' in string literal");
  expect(scanError("'a'")).toBe("invalid character '\\'' looking for beginning of value");
  expect(scanError('\x01')).toBe("invalid character '\\x01' looking for beginning of value");
  expect(scanError('\xe9')).toBe("invalid character 'é' looking for beginning of value");
  expect(scanError('{"a":01}')).toBe("invalid character '1' after object key:value pair");
  expect(scanError('['.repeat(10_001))).toBe("invalid character '[' exceeded max depth");
  expect(scanError('['.repeat(10_000))).toBe('unexpected EOF');
});

test("the scanner stops after the first value, as Go's Decoder does", () => {
  expect(readGoJsonValue(Buffer.from('{"a":1} {'))).toEqual({
    ok: true,
    value: { kind: 'object', entries: [['a', { kind: 'number', literal: '1' }]] },
  });
  expect(readGoJsonValue(Buffer.from('12abc'))).toEqual({ ok: true, value: { kind: 'number', literal: '12' } });
  expect(readGoJsonValue(Buffer.from('01'))).toEqual({ ok: true, value: { kind: 'number', literal: '0' } });
});

test("strings decode with Go's replacement rules", () => {
  const decoded = (raw: number[]) => {
    const result = readGoJsonValue(Buffer.from([0x22, ...raw, 0x22]));
    return result.ok && result.value.kind === 'string' ? result.value.value : undefined;
  };
  const ascii = (text: string) => [...Buffer.from(text)];
  expect(decoded(ascii('\\u00e9\\ud83d\\ude00\\n'))).toBe('é😀\n');
  expect(decoded(ascii('\\ud800x'))).toBe('\ufffdx');
  expect(decoded([0x61, 0xff, 0x62])).toBe('a\ufffdb');
  expect(decoded([0xed, 0xa0, 0x80])).toBe('\ufffd\ufffd\ufffd');
  expect(decoded([0xe2, 0x82, 0xac])).toBe('€');
});

test('type errors name the struct and the field path like Go 1.24', () => {
  const attributes: GoType = {
    kind: 'struct',
    typeName: 'toxics.LatencyToxic',
    structName: 'LatencyToxic',
    fields: [{ name: 'latency', type: { kind: 'int64' } }],
  };
  const wrapper: GoType = {
    kind: 'struct',
    typeName: 'struct { Attributes interface {} }',
    structName: '',
    fields: [{ name: 'attributes', type: attributes }],
  };
  const errorOf = (text: string, type: GoType) => {
    const scanned = readGoJsonValue(Buffer.from(text));
    if (!scanned.ok) throw new Error(scanned.error);
    return decodeGoValue(scanned.value, type).error;
  };
  expect(errorOf('{"attributes":{"latency":1e3}}', wrapper)).toBe(
    'json: cannot unmarshal number 1e3 into Go struct field LatencyToxic.attributes.latency of type int64',
  );
  expect(errorOf('{"attributes":{"latency":9223372036854775808}}', wrapper)).toBe(
    'json: cannot unmarshal number 9223372036854775808 into Go struct field LatencyToxic.attributes.latency of type int64',
  );
  expect(errorOf('{"attributes":[]}', wrapper)).toBe(
    'json: cannot unmarshal array into Go struct field .attributes of type toxics.LatencyToxic',
  );
  expect(errorOf('{"ATTRIBUTES":{"Latency":true},"attributes":{"latency":"x"}}', wrapper)).toBe(
    'json: cannot unmarshal bool into Go struct field LatencyToxic.attributes.latency of type int64',
  );
  expect(errorOf('1e39', { kind: 'float32' })).toBe('json: cannot unmarshal number 1e39 into Go value of type float32');
  expect(errorOf('{"attributes":null}', wrapper)).toBeUndefined();
});

test('float32 and strings are printed as Go prints them', () => {
  expect(goFloat32(Math.fround(0.1))).toBe('0.1');
  expect(goFloat32(Math.fround(1))).toBe('1');
  expect(goFloat32(Math.fround(2.5))).toBe('2.5');
  expect(goFloat32(Math.fround(1e-7))).toBe('1e-7');
  expect(goFloat32(Math.fround(1e21))).toBe('1e+21');
  expect(goFloat32(Math.fround(0.3333333333))).toBe('0.33333334');
  expect(goFloat32(-0)).toBe('-0');
  expect(goJsonString('a<b>&c\u2028"\\\n\x01')).toBe('"a\\u003cb\\u003e\\u0026c\\u2028\\"\\\\\\n\\u0001"');
});

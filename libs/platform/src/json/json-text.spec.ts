import { endOfJsonString, endOfJsonValue, jsonStringIs, skipJsonSpace } from './json-text';

describe('JSON text steps', () => {
  it('finds the end of every kind of value', () => {
    const values = ['"a\\"b\\\\"', '[1,[2,{"]":"}"}],3]', '{"a":{"b":[]}}', '-1.5e+3', 'true', 'null', '[]', '{}'];
    for (const value of values) {
      expect(endOfJsonValue(`${value},x`, 0)).toBe(value.length);
      expect(endOfJsonValue(` ${value} `, 1)).toBe(value.length + 1);
    }
  });

  it('answers -1 where a value does not end or does not start', () => {
    expect(endOfJsonValue('[1,2', 0)).toBe(-1);
    expect(endOfJsonValue('"abc', 0)).toBe(-1);
    expect(endOfJsonValue(',', 0)).toBe(-1);
    expect(endOfJsonString('abc"', 0)).toBe(-1);
  });

  it('skips insignificant whitespace only', () => {
    expect(skipJsonSpace(' \t\r\n x', 0)).toBe(5);
    expect(skipJsonSpace('\u00a0x', 0)).toBe(0);
  });

  it('compares a string literal by what it means', () => {
    const literal = '"s\\u0061mples"';
    expect(jsonStringIs(literal, 0, literal.length, 'samples')).toBe(true);
    expect(jsonStringIs('"samples"', 0, 9, 'samples')).toBe(true);
    expect(jsonStringIs('"sample"', 0, 8, 'samples')).toBe(false);
  });
});

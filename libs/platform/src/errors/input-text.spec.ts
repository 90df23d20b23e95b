import { findUnsafeInput, MAX_INPUT_DEPTH } from './input-text';

describe('findUnsafeInput', () => {
  it('accepts ordinary text, including paired surrogates (emoji) and Chinese', () => {
    expect(findUnsafeInput({ name: '机器人 🤖', tags: ['a', { b: 1 }], n: null })).toBeNull();
  });

  it('names a NUL character in a nested field', () => {
    expect(findUnsafeInput({ specs: { note: 'a\u0000b' } })).toEqual({
      field: 'specs.note',
      message: 'must not contain NUL characters',
    });
    expect(findUnsafeInput('x\u0000', 'email')).toEqual({ field: 'email', message: 'must not contain NUL characters' });
  });

  it('names lone high and low surrogates', () => {
    expect(findUnsafeInput({ a: ['ok', 'x\uD800'] })?.field).toBe('a[1]');
    expect(findUnsafeInput({ a: '\uDC00y' })?.message).toMatch(/lone surrogate/);
    expect(findUnsafeInput({ a: 'end\uD83D' })?.message).toMatch(/lone surrogate/);
  });

  it('checks object keys too, without echoing the NUL', () => {
    const found = findUnsafeInput({ specs: { 'k\u0000': 1 } });
    expect(found?.field).toBe('specs.k\\u0000');
  });

  it('refuses nesting deeper than the limit without recursion', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeInput({ a: deep })?.message).toMatch(/nested deeper/);
    let ok: unknown = 1;
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) ok = { x: ok };
    expect(findUnsafeInput(ok)).toBeNull();
  });
});

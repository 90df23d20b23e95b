import { z } from 'zod';
import { formatPath, SchemaIssue, toFieldErrors } from './validation-issues';

const errorsOf = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to be invalid');
  return toFieldErrors(result.error.issues as unknown as SchemaIssue[], input);
};

describe('toFieldErrors', () => {
  const Body = z.strictObject({
    robotIds: z.array(z.uuid()).min(1),
    name: z.string().min(1),
    capacity: z.number().int().min(1),
    mode: z.enum(['physical', 'virtual']),
    nested: z.strictObject({ kg: z.number() }).optional(),
  });

  it('names array elements and nested fields by path', () => {
    expect(
      errorsOf(Body, { robotIds: ['nope'], name: 'x', capacity: 1, mode: 'physical', nested: { kg: 'a' } }),
    ).toEqual([
      { field: 'robotIds[0]', message: 'must be a UUID' },
      { field: 'nested.kg', message: 'must be a number' },
    ]);
  });

  it('says "is required" for a missing field and "is not allowed" for an unknown one', () => {
    expect(errorsOf(Body, { robotIds: [], capacity: 0, mode: 'x', extra: 1, other: 2 })).toEqual([
      { field: 'robotIds', message: 'must have at least 1 item' },
      { field: 'name', message: 'is required' },
      { field: 'capacity', message: 'must be at least 1' },
      { field: 'mode', message: 'must be one of physical, virtual' },
      { field: 'extra', message: 'is not allowed' },
      { field: 'other', message: 'is not allowed' },
    ]);
  });

  it('explains wrong types, nulls and empty strings', () => {
    expect(errorsOf(Body, { robotIds: 'x', name: '', capacity: 1.5, mode: null })).toEqual([
      { field: 'robotIds', message: 'must be an array' },
      { field: 'name', message: 'must not be empty' },
      { field: 'capacity', message: 'must be an integer' },
      { field: 'mode', message: 'must be one of physical, virtual' },
    ]);
    expect(
      errorsOf(Body, { robotIds: ['01a224b4-f49a-7b96-8699-44c95c136d7a'], name: null, capacity: 1, mode: 'virtual' }),
    ).toEqual([{ field: 'name', message: 'must not be null' }]);
  });

  it('keeps a schema’s own message for patterns and refinements', () => {
    const Code = z.strictObject({ code: z.string().regex(/^[A-Z]+$/, 'must be capital letters') });
    expect(errorsOf(Code, { code: 'abc' })).toEqual([{ field: 'code', message: 'must be capital letters' }]);
  });

  it('prefixes query and path parameters', () => {
    const result = z.uuid().safeParse('x');
    expect(toFieldErrors(result.error!.issues as unknown as SchemaIssue[], 'x', 'id')).toEqual([
      { field: 'id', message: 'must be a UUID' },
    ]);
  });

  it('formats paths like the contract', () => {
    expect(formatPath(['robotIds', 0])).toBe('robotIds[0]');
    expect(formatPath(['a', 'b', 2, 'c'])).toBe('a.b[2].c');
    expect(formatPath([])).toBe('');
  });
});

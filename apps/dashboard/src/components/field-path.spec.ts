import { fieldPathOf, fieldPattern } from './field-path';

describe('fieldPathOf', () => {
  it('reads the paths the field names in validation errors', () => {
    expect(fieldPathOf('name')).toEqual(['name']);
    expect(fieldPathOf('robotIds[0]')).toEqual(['robotIds', 0]);
    expect(fieldPathOf('specs.payloadKg')).toEqual(['specs', 'payloadKg']);
    expect(fieldPathOf('criteria[12].metric')).toEqual(['criteria', 12, 'metric']);
  });

  it('gives list positions as * in the pattern', () => {
    expect(fieldPattern(fieldPathOf('criteria[3].key'))).toBe('criteria.*.key');
  });
});

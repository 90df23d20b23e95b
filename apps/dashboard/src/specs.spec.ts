import { parseSpecValue, specsFromRows } from './specs';

describe('spec values typed in the registration form', () => {
  it('reads numbers, booleans and text', () => {
    expect(parseSpecValue('15')).toBe(15);
    expect(parseSpecValue(' -2.5 ')).toBe(-2.5);
    expect(parseSpecValue('true')).toBe(true);
    expect(parseSpecValue('false')).toBe(false);
    expect(parseSpecValue('GB/T 39586')).toBe('GB/T 39586');
    expect(parseSpecValue('1e3')).toBe('1e3');
  });

  it('builds the specs object, leaving out rows without a name or a value', () => {
    expect(
      specsFromRows([
        { name: 'payloadKg', value: '15' },
        { name: ' estop ', value: 'true' },
        { value: 'orphan' },
        { name: 'dof', value: '  ' },
      ]),
    ).toEqual({ payloadKg: 15, estop: true });
  });
});

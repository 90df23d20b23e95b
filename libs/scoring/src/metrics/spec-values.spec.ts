import { specValue } from './spec-values';

describe('spec.<name>', () => {
  const specs = { payloadKg: 7.5, estop: true, lidar: false, maker: 'Unitree' };

  it('reads numbers as declared and booleans as 1 or 0', () => {
    expect(specValue(specs, 'payloadKg')).toEqual({ value: 7.5, basis: 'declared payloadKg: 7.5' });
    expect(specValue(specs, 'estop').value).toBe(1);
    expect(specValue(specs, 'lidar').value).toBe(0);
  });

  it('has no value for text or an undeclared spec', () => {
    expect(specValue(specs, 'maker').value).toBeNull();
    expect(specValue(specs, 'dof')).toEqual({ value: null, basis: 'the robot declares no spec dof' });
    expect(specValue(specs, 'toString').value).toBeNull();
  });
});

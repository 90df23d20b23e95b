import { wilsonLowerBound } from './wilson';

describe('wilsonLowerBound (z = 1.96)', () => {
  it('matches the Wilson score interval for known cases', () => {
    expect(wilsonLowerBound(8, 10)).toBeCloseTo(0.490157, 6);
    expect(wilsonLowerBound(80, 100)).toBeCloseTo(0.711169, 6);
    expect(wilsonLowerBound(1, 1)).toBeCloseTo(0.206543, 6);
  });

  it('ranks ten lucky trials below a thousand steady ones', () => {
    expect(wilsonLowerBound(10, 10)).toBeCloseTo(0.72246, 5);
    expect(wilsonLowerBound(900, 1000)).toBeGreaterThan(wilsonLowerBound(10, 10));
  });

  it('is 0, never negative, with no successes, and below the observed rate otherwise', () => {
    expect(wilsonLowerBound(0, 10)).toBe(0);
    expect(wilsonLowerBound(999, 1000)).toBeLessThan(0.999);
  });

  it('refuses impossible counts', () => {
    expect(() => wilsonLowerBound(0, 0)).toThrow(RangeError);
    expect(() => wilsonLowerBound(3, 2)).toThrow(RangeError);
  });
});

import { clopperPearson, regularizedBeta } from './clopper-pearson-rules';

describe('the Clopper–Pearson interval', () => {
  it.each([
    [0, 10, 0, 0.3085],
    [10, 10, 0.6915, 1],
    [5, 10, 0.1871, 0.8129],
    [11, 11, 0.7151, 1],
    [1, 5, 0.00505, 0.7164],
  ])('x=%d, n=%d → [%d, %d]', (x, n, lower, upper) => {
    const interval = clopperPearson(x, n);
    expect(interval.lower).toBeCloseTo(lower, 4);
    expect(interval.upper).toBeCloseTo(upper, 4);
  });

  it('matches the binomial tails it is defined by', () => {
    // P(X ≥ 7 | n = 20, p = lower) = 0.025.
    const { lower, upper } = clopperPearson(7, 20);
    expect(regularizedBeta(lower, 7, 14)).toBeCloseTo(0.025, 9);
    expect(1 - regularizedBeta(upper, 8, 13)).toBeCloseTo(0.025, 9);
  });

  it('is [0, 1] with no trials', () => {
    expect(clopperPearson(0, 0)).toEqual({ lower: 0, upper: 1 });
  });
});

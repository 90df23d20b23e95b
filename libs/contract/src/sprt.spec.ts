import { averageSampleNumber, llrSteps, sprtBounds } from './sprt';

const PROTOCOL = { p0: 0.6, p1: 0.8, alpha: 0.05, beta: 0.05 };

/** Wald's closed forms at the two hypotheses, where L(p0) = 1 − α and L(p1) = β. */
function waldAtHypotheses({ p0, p1, alpha, beta }: typeof PROTOCOL) {
  const pass = Math.log((1 - beta) / alpha);
  const fail = Math.log(beta / (1 - alpha));
  const success = Math.log(p1 / p0);
  const failure = Math.log((1 - p1) / (1 - p0));
  return {
    atP0: ((1 - alpha) * fail + alpha * pass) / (p0 * success + (1 - p0) * failure),
    atP1: (beta * fail + (1 - beta) * pass) / (p1 * success + (1 - p1) * failure),
  };
}

describe('the SPRT arithmetic the dashboard shows', () => {
  it('puts the bounds at ln((1 − β)/α) and ln(β/(1 − α))', () => {
    const bounds = sprtBounds(PROTOCOL);
    expect(bounds.pass).toBeCloseTo(Math.log(19), 9);
    expect(bounds.fail).toBeCloseTo(-Math.log(19), 9);
  });

  it('steps the LLR by ln(p1/p0) on a success and ln((1 − p1)/(1 − p0)) on a failure', () => {
    const steps = llrSteps(PROTOCOL);
    expect(steps.success).toBeCloseTo(Math.log(4 / 3), 9);
    expect(steps.failure).toBeCloseTo(Math.log(0.5), 9);
    // 10 successes stay below the pass bound and the 11th crosses it; 5 failures cross the fail bound.
    expect(10 * steps.success).toBeLessThan(sprtBounds(PROTOCOL).pass);
    expect(11 * steps.success).toBeGreaterThanOrEqual(sprtBounds(PROTOCOL).pass);
    expect(4 * steps.failure).toBeGreaterThan(sprtBounds(PROTOCOL).fail);
    expect(5 * steps.failure).toBeLessThanOrEqual(sprtBounds(PROTOCOL).fail);
  });

  it("matches Wald's closed forms under p0 and p1", () => {
    const expected = waldAtHypotheses(PROTOCOL);
    expect(averageSampleNumber(PROTOCOL, 0.6)).toBeCloseTo(expected.atP0, 6);
    expect(averageSampleNumber(PROTOCOL, 0.8)).toBeCloseTo(expected.atP1, 6);
    expect(averageSampleNumber(PROTOCOL, 0.6)).toBeCloseTo(25.32, 1);
    expect(averageSampleNumber(PROTOCOL, 0.8)).toBeCloseTo(28.96, 1);
    const skewed = { p0: 0.5, p1: 0.9, alpha: 0.1, beta: 0.02 };
    const other = waldAtHypotheses(skewed);
    expect(averageSampleNumber(skewed, 0.5)).toBeCloseTo(other.atP0, 6);
    expect(averageSampleNumber(skewed, 0.9)).toBeCloseTo(other.atP1, 6);
  });

  it('is largest near the rate where the LLR has no drift and shrinks towards certain outcomes', () => {
    const { success, failure } = llrSteps(PROTOCOL);
    const neutral = -failure / (success - failure);
    const peak = averageSampleNumber(PROTOCOL, neutral);
    expect(peak).toBeCloseTo(
      (-sprtBounds(PROTOCOL).pass * sprtBounds(PROTOCOL).fail) /
        (neutral * success ** 2 + (1 - neutral) * failure ** 2),
      6,
    );
    // Continuous on both sides of that rate.
    expect(averageSampleNumber(PROTOCOL, neutral + 1e-7)).toBeCloseTo(peak, 3);
    expect(averageSampleNumber(PROTOCOL, neutral - 1e-7)).toBeCloseTo(peak, 3);
    expect(averageSampleNumber(PROTOCOL, 0.6)).toBeLessThan(peak);
    expect(averageSampleNumber(PROTOCOL, 0.99)).toBeLessThan(averageSampleNumber(PROTOCOL, 0.8));
    expect(averageSampleNumber(PROTOCOL, 0.01)).toBeLessThan(averageSampleNumber(PROTOCOL, 0.6));
    expect(averageSampleNumber(PROTOCOL, 1e-9)).toBeCloseTo(sprtBounds(PROTOCOL).fail / failure, 3);
  });
});

import { sprtBounds, sprtStep, waldAverageSampleNumber } from './sprt';

const PROTOCOL = { p0: 0.6, p1: 0.8, alpha: 0.05, beta: 0.05, maxTrials: 60 };

describe('the SPRT arithmetic the dashboard previews', () => {
  it('puts the bounds at ln((1 − β)/α) and ln(β/(1 − α))', () => {
    const bounds = sprtBounds(PROTOCOL);
    expect(bounds.pass).toBeCloseTo(Math.log(19), 9);
    expect(bounds.fail).toBeCloseTo(-Math.log(19), 9);
  });

  it('steps the LLR by ln(p1/p0) on a success and ln((1 − p1)/(1 − p0)) on a failure', () => {
    const { pass, fail } = sprtBounds(PROTOCOL);
    expect(sprtStep(PROTOCOL, true)).toBeCloseTo(Math.log(4 / 3), 9);
    expect(sprtStep(PROTOCOL, false)).toBeCloseTo(Math.log(0.5), 9);
    // 10 successes continue and the 11th passes; 4 failures continue and the 5th fails.
    expect(10 * sprtStep(PROTOCOL, true)).toBeLessThan(pass);
    expect(11 * sprtStep(PROTOCOL, true)).toBeGreaterThanOrEqual(pass);
    expect(4 * sprtStep(PROTOCOL, false)).toBeGreaterThan(fail);
    expect(5 * sprtStep(PROTOCOL, false)).toBeLessThanOrEqual(fail);
  });

  it("expects Wald's average sample number under p0 and p1", () => {
    // (L·ln B + (1 − L)·ln A) / E[step], with L = 1 − α under p0 and β under p1.
    const asn = waldAverageSampleNumber(PROTOCOL);
    expect(asn.p0).toBeCloseTo((-0.9 * Math.log(19)) / (0.6 * Math.log(4 / 3) + 0.4 * Math.log(0.5)), 9);
    expect(asn.p1).toBeCloseTo((0.9 * Math.log(19)) / (0.8 * Math.log(4 / 3) + 0.2 * Math.log(0.5)), 9);
    expect(asn.p0).toBeCloseTo(25.32, 2);
    expect(asn.p1).toBeCloseTo(28.96, 2);
    // Easier hypotheses to tell apart take fewer trials.
    const wide = waldAverageSampleNumber({ ...PROTOCOL, p0: 0.3, p1: 0.9 });
    expect(wide.p0).toBeLessThan(asn.p0);
    expect(wide.p1).toBeLessThan(asn.p1);
  });
});

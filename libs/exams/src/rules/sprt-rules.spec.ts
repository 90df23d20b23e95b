import { sprtBounds, sprtStep, type TrialDecision, waldAverageSampleNumber } from '@app/contract';
import { mulberry32 } from './exam-plan-rules';
import { afterTrial, decide, decisionAfter, SprtState, sprtOf } from './sprt-rules';

const PROTOCOL = { p0: 0.6, p1: 0.8, alpha: 0.05, beta: 0.05, maxTrials: 1000 };
const SPRT = sprtOf(PROTOCOL);

describe('Wald’s SPRT', () => {
  it('has the bounds and steps of the contract, to 1e-9', () => {
    const bounds = sprtBounds(PROTOCOL);
    expect(Math.abs(bounds.pass - Math.log(0.95 / 0.05))).toBeLessThan(1e-9);
    expect(Math.abs(bounds.fail - Math.log(0.05 / 0.95))).toBeLessThan(1e-9);
    expect(Math.abs(sprtStep(PROTOCOL, true) - Math.log(0.8 / 0.6))).toBeLessThan(1e-9);
    expect(Math.abs(sprtStep(PROTOCOL, false) - Math.log(0.2 / 0.4))).toBeLessThan(1e-9);
    const mixed = decisionAfter(SPRT, [true, false, true, true, false]);
    expect(Math.abs(mixed.llr - (3 * Math.log(0.8 / 0.6) + 2 * Math.log(0.2 / 0.4)))).toBeLessThan(1e-9);
  });

  it('continues after 10 successes and passes on the 11th', () => {
    const ten = decisionAfter(SPRT, Array<boolean>(10).fill(true));
    expect(ten).toMatchObject({ trials: 10, decision: 'continue' });
    expect(afterTrial(SPRT, ten, true)).toMatchObject({ trials: 11, decision: 'passed' });
  });

  it('continues after 4 failures and fails on the 5th', () => {
    const four = decisionAfter(SPRT, Array<boolean>(4).fill(false));
    expect(four).toMatchObject({ trials: 4, decision: 'continue' });
    expect(afterTrial(SPRT, four, false)).toMatchObject({ trials: 5, decision: 'failed' });
  });

  it('ends as inconclusive when maxTrials trials stay between the bounds', () => {
    const short = { ...PROTOCOL, maxTrials: 6 };
    const outcomes = [true, false, true, false, true, false];
    expect(decisionAfter(sprtOf(short), outcomes.slice(0, 5)).decision).toBe('continue');
    expect(decisionAfter(sprtOf(short), outcomes)).toMatchObject({ trials: 6, decision: 'inconclusive' });
    // A bound crossed on the last trial is a decision on the rule, not inconclusive.
    expect(decide(sprtOf({ ...PROTOCOL, maxTrials: 11 }), 11, 11 * Math.log(0.8 / 0.6))).toBe('passed');
  });

  it('stops at the first decision when replaying', () => {
    const state = decisionAfter(SPRT, [...Array<boolean>(5).fill(false), ...Array<boolean>(20).fill(true)]);
    expect(state).toMatchObject({ trials: 5, decision: 'failed' });
  });

  it('gives Wald’s average sample numbers', () => {
    const asn = waldAverageSampleNumber(PROTOCOL);
    const a = Math.log(19);
    const b = Math.log(0.05 / 0.95);
    const step = (p: number) => p * Math.log(0.8 / 0.6) + (1 - p) * Math.log(0.2 / 0.4);
    expect(asn.p0).toBeCloseTo((0.95 * b + 0.05 * a) / step(0.6), 9);
    expect(asn.p1).toBeCloseTo((0.05 * b + 0.95 * a) / step(0.8), 9);
    expect(asn.p0).toBeGreaterThan(5);
    expect(asn.p1).toBeGreaterThan(11);
  });

  describe('a seeded Monte Carlo over 20,000 simulated exams', () => {
    const EXAMS = 20_000;
    type Counts = Record<'passed' | 'failed' | 'inconclusive', number> & { disagreements: number };

    /**
     * Each exam is looked at after every trial and stops at the first decision; the same outcomes,
     * continued past the stop, are then replayed at once: the decisions must be the same.
     */
    function simulate(p: number, seed: number): Counts {
      const random = mulberry32(seed);
      const counts: Counts = { passed: 0, failed: 0, inconclusive: 0, disagreements: 0 };
      for (let exam = 0; exam < EXAMS; exam++) {
        const outcomes: boolean[] = [];
        let state: SprtState & { decision: TrialDecision } = { trials: 0, llr: 0, decision: 'continue' };
        while (state.decision === 'continue') {
          const success = random() < p;
          outcomes.push(success);
          state = afterTrial(SPRT, state, success);
        }
        for (let extra = 0; extra < 10; extra++) outcomes.push(random() < p);
        const replayed = decisionAfter(SPRT, outcomes);
        if (replayed.decision !== state.decision || replayed.trials !== state.trials) counts.disagreements++;
        counts[state.decision as keyof Omit<Counts, 'disagreements'>]++;
      }
      return counts;
    }

    let atP0: Counts;
    let atP1: Counts;
    beforeAll(() => {
      atP0 = simulate(PROTOCOL.p0, 17);
      atP1 = simulate(PROTOCOL.p1, 29);
    });

    it('passes at p = p0 at most α + 0.01 of the time', () => {
      expect(atP0.passed / EXAMS).toBeLessThanOrEqual(PROTOCOL.alpha + 0.01);
      expect(atP0.passed).toBeGreaterThan(0);
    });

    it('fails at p = p1 at most β + 0.01 of the time', () => {
      expect(atP1.failed / EXAMS).toBeLessThanOrEqual(PROTOCOL.beta + 0.01);
      expect(atP1.failed).toBeGreaterThan(0);
    });

    it('keeps both rates when deciding after every trial rather than once on the whole sequence', () => {
      expect(atP0.disagreements).toBe(0);
      expect(atP1.disagreements).toBe(0);
    });
  });
});

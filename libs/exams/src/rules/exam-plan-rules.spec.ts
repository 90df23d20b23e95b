import { drawPlan, mulberry32 } from './exam-plan-rules';

const VARIATIONS = { lighting: ['day', 'dim'], object_placement: ['left', 'center', 'right'], part: ['bolt', 'gear'] };

describe('exam plans', () => {
  it('are identical for the same seed', () => {
    expect(drawPlan(7, VARIATIONS, 30)).toEqual(drawPlan(7, VARIATIONS, 30));
  });

  it('differ for another seed', () => {
    expect(drawPlan(8, VARIATIONS, 30)).not.toEqual(drawPlan(7, VARIATIONS, 30));
  });

  it('do not depend on the order of the variations’ names', () => {
    const reordered = {
      part: VARIATIONS.part,
      lighting: VARIATIONS.lighting,
      object_placement: VARIATIONS.object_placement,
    };
    expect(drawPlan(7, reordered, 30)).toEqual(drawPlan(7, VARIATIONS, 30));
  });

  it('draw one value of each variation per trial, numbered from 1', () => {
    const plan = drawPlan(3, VARIATIONS, 200);
    expect(plan.map((trial) => trial.index)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    for (const trial of plan) {
      for (const [name, values] of Object.entries(VARIATIONS)) expect(values).toContain(trial.conditions[name]);
    }
    expect(new Set(plan.map((trial) => trial.conditions.object_placement)).size).toBe(3);
  });

  it('are empty conditions for a task without variations', () => {
    expect(drawPlan(1, {}, 2)).toEqual([
      { index: 1, conditions: {} },
      { index: 2, conditions: {} },
    ]);
  });

  it('draw from a PRNG spread over [0, 1)', () => {
    const random = mulberry32(123);
    const draws = Array.from({ length: 10_000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(Math.abs(draws.reduce((sum, x) => sum + x, 0) / draws.length - 0.5)).toBeLessThan(0.01);
  });
});

import type { Criterion, CriterionResult } from '@app/contract';
import { formatNumber, Measured } from '../metrics/measured';

/** Whether one criterion passes, with the explanation a reader of the evaluation sees. */
export function judge(criterion: Criterion, measured: Measured): CriterionResult {
  const { value, basis } = measured;
  const bound = criterion.op === 'gte' ? `at least ${criterion.threshold}` : `at most ${criterion.threshold}`;
  let passed: boolean;
  let explanation: string;
  if (value === null) {
    passed = false;
    explanation = `${criterion.metric} has no value (${basis}), so the criterion fails; it asks for ${bound}`;
  } else {
    passed = criterion.op === 'gte' ? value >= criterion.threshold : value <= criterion.threshold;
    explanation =
      `${criterion.metric} is ${formatNumber(value)} (${basis}); ` +
      `${passed ? 'passed' : 'failed'}: it must be ${bound}`;
  }
  return {
    ...criterion,
    value,
    passed,
    explanation: criterion.required && !passed ? `${explanation} (required)` : explanation,
  };
}

/** 100 × Σ weight of the passed criteria ÷ Σ weight of all, rounded to 1e-6 so sums of fractions compare exactly. */
export function scoreOf(results: readonly Pick<CriterionResult, 'weight' | 'passed'>[]): number {
  const total = results.reduce((sum, result) => sum + result.weight, 0);
  if (total <= 0) throw new RangeError('a criteria set has at least one criterion of positive weight');
  const passed = results.reduce((sum, result) => sum + (result.passed ? result.weight : 0), 0);
  return passed === total ? 100 : Math.round((100 * passed * 1e6) / total) / 1e6;
}

export interface Verdict {
  results: CriterionResult[];
  score: number;
  passed: boolean;
}

/** The evaluation's outcome: it passes when score ≥ passScore and every required criterion passed. */
export function verdict(
  criteria: readonly Criterion[],
  passScore: number,
  measure: (metric: string) => Measured,
): Verdict {
  const results = criteria.map((criterion) => judge(criterion, measure(criterion.metric)));
  const score = scoreOf(results);
  return {
    results,
    score,
    passed: score >= passScore && results.every((result) => !result.required || result.passed),
  };
}

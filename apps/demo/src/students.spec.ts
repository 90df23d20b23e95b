import type { Evaluation } from '@app/contract';
import { failedCriteria } from './students';

const result = (key: string, required: boolean, value: number | null, op: 'gte' | 'lte', threshold: number) => ({
  key,
  dimension: 'safety' as const,
  metric: `metric.${key}`,
  op,
  threshold,
  weight: 1,
  required,
  value,
  passed: false,
  explanation: `${key} explained at length`,
});

describe('failedCriteria', () => {
  it('names the failed criteria, required first, with the value against the threshold', () => {
    const evaluation = {
      status: 'completed',
      failureReason: null,
      results: [
        { ...result('uptime', false, 0.8, 'gte', 0.9), passed: true },
        result('interventions', false, 195.123, 'lte', 0.5),
        result('success_rate', true, 0.571428, 'gte', 0.7),
        result('teleop_samples', true, null, 'gte', 60),
      ],
    } as unknown as Evaluation;
    expect(failedCriteria(evaluation)).toBe(
      'success_rate（必须 required） 0.571, needs ≥ 0.7; teleop_samples（必须 required） no data, needs ≥ 60; ' +
        'interventions 195, needs ≤ 0.5',
    );
  });

  it('gives the reason of an evaluation that could not run', () => {
    const evaluation = { status: 'failed', failureReason: 'no active standard', results: [] } as unknown as Evaluation;
    expect(failedCriteria(evaluation)).toBe('no active standard');
  });
});

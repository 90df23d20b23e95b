import type { Criterion } from '@app/contract';
import { judge, scoreOf, verdict } from './score';

const criterion = (overrides: Partial<Criterion> = {}): Criterion => ({
  key: 'success',
  dimension: 'technical_leadership',
  metric: 'task.success_rate',
  op: 'gte',
  threshold: 0.8,
  weight: 1,
  required: false,
  ...overrides,
});

describe('judge', () => {
  it('passes a value exactly at the threshold, for gte and for lte', () => {
    expect(judge(criterion({ op: 'gte', threshold: 0.8 }), { value: 0.8, basis: '' }).passed).toBe(true);
    expect(judge(criterion({ op: 'lte', threshold: 0.05 }), { value: 0.05, basis: '' }).passed).toBe(true);
  });

  it('fails just past the threshold, either way', () => {
    expect(judge(criterion({ op: 'gte', threshold: 0.8 }), { value: 0.7999, basis: '' }).passed).toBe(false);
    expect(judge(criterion({ op: 'lte', threshold: 0.05 }), { value: 0.0501, basis: '' }).passed).toBe(false);
  });

  it('fails a metric with no data, keeping value null, and explains why', () => {
    const result = judge(criterion({ required: true }), { value: null, basis: 'no task attempts' });
    expect(result).toMatchObject({ value: null, passed: false, key: 'success', threshold: 0.8 });
    expect(result.explanation).toBe(
      'task.success_rate has no value (no task attempts), so the criterion fails; it asks for at least 0.8 (required)',
    );
  });

  it('explains a measured value with what it rests on', () => {
    expect(judge(criterion(), { value: 0.85, basis: '17 of 20 attempts succeeded' }).explanation).toBe(
      'task.success_rate is 0.85 (17 of 20 attempts succeeded); passed: it must be at least 0.8',
    );
    expect(judge(criterion({ op: 'lte', threshold: 2 }), { value: 2.123456, basis: 'b' }).explanation).toBe(
      'task.success_rate is 2.1235 (b); failed: it must be at most 2',
    );
  });
});

describe('scoreOf', () => {
  it('is 100 × passed weight ÷ total weight', () => {
    expect(
      scoreOf([
        { weight: 3, passed: true },
        { weight: 1, passed: false },
      ]),
    ).toBe(75);
    expect(scoreOf([{ weight: 2, passed: false }])).toBe(0);
    expect(
      scoreOf([
        { weight: 1, passed: true },
        { weight: 1, passed: true },
        { weight: 1, passed: false },
      ]),
    ).toBe(66.666667);
  });

  it('is exactly 100 when everything passed, whatever the fractional weights', () => {
    expect(
      scoreOf([
        { weight: 0.1, passed: true },
        { weight: 0.2, passed: true },
      ]),
    ).toBe(100);
  });

  it('refuses an empty set', () => {
    expect(() => scoreOf([])).toThrow(RangeError);
  });
});

describe('verdict', () => {
  const criteria = [
    criterion({ key: 'a', metric: 'spec.a', weight: 3 }),
    criterion({ key: 'b', metric: 'spec.b', weight: 1 }),
  ];
  const values = (a: number | null, b: number | null) => (metric: string) => ({
    value: metric === 'spec.a' ? a : b,
    basis: 'declared',
  });

  it('passes when the score reaches the pass score exactly', () => {
    expect(verdict(criteria, 75, values(1, 0))).toMatchObject({ score: 75, passed: true });
    expect(verdict(criteria, 75.1, values(1, 0))).toMatchObject({ score: 75, passed: false });
  });

  it('fails when a required criterion fails, whatever the score', () => {
    const required = [criteria[0], { ...criteria[1], required: true }];
    const outcome = verdict(required, 50, values(1, null));
    expect(outcome.score).toBe(75);
    expect(outcome.passed).toBe(false);
    expect(outcome.results.map((result) => [result.key, result.value, result.passed])).toEqual([
      ['a', 1, true],
      ['b', null, false],
    ]);
  });
});

import { CreateCriteriaSetBody, parseMetricKey } from './scoring';

describe('parseMetricKey', () => {
  it('reads specs, training metrics and per-task variants', () => {
    expect(parseMetricKey('spec.payloadKg')).toEqual({ kind: 'spec', name: 'payloadKg' });
    expect(parseMetricKey('uptime.ratio')).toEqual({ kind: 'training', metric: 'uptime.ratio', taskKey: null });
    expect(parseMetricKey('task.success_rate_lcb:pick_place')).toEqual({
      kind: 'training',
      metric: 'task.success_rate_lcb',
      taskKey: 'pick_place',
    });
  });

  it('reads exam metrics, which always name their task', () => {
    expect(parseMetricKey('exam.passed:guide_tour')).toEqual({
      kind: 'exam',
      metric: 'exam.passed',
      taskKey: 'guide_tour',
    });
    expect(parseMetricKey('exam.success_rate_lcb:pick_place')).toEqual({
      kind: 'exam',
      metric: 'exam.success_rate_lcb',
      taskKey: 'pick_place',
    });
  });

  it.each([
    'spec.',
    'spec.9lives',
    'task.luck',
    'uptime.ratio:pick',
    'task.attempts:',
    'task.attempts:a:b',
    '',
    'exam.passed',
    'exam.passed:',
    'exam.passed:a b',
    'exam.luck:pick_place',
  ])('refuses %p', (key) => expect(parseMetricKey(key)).toBeNull());
});

describe('CreateCriteriaSetBody', () => {
  const body = {
    name: 'Graduation, industrial',
    stage: 'graduation',
    passScore: 75,
    criteria: [
      { key: 'lcb', dimension: 'technical_leadership', metric: 'task.success_rate_lcb', op: 'gte', threshold: 0.9 },
    ],
  };

  it('defaults domain to null (every domain), weight to 1 and required to false', () => {
    const parsed = CreateCriteriaSetBody.parse(body);
    expect(parsed.domain).toBeNull();
    expect(parsed.criteria[0]).toMatchObject({ weight: 1, required: false });
  });

  it('names each bad criterion field', () => {
    const result = CreateCriteriaSetBody.safeParse({
      ...body,
      criteria: [
        { ...body.criteria[0], metric: 'task.luck', weight: 0 },
        { ...body.criteria[0], threshold: Number.POSITIVE_INFINITY },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.')).sort();
    expect(paths).toEqual(['criteria.0.metric', 'criteria.0.weight', 'criteria.1.threshold']);
    const repeated = CreateCriteriaSetBody.safeParse({ ...body, criteria: [body.criteria[0], body.criteria[0]] });
    expect(repeated.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['criteria.1.key', 'repeats a key of this set'],
    ]);
  });

  it('refuses unknown fields and an empty set', () => {
    expect(CreateCriteriaSetBody.safeParse({ ...body, version: 3 }).success).toBe(false);
    expect(CreateCriteriaSetBody.safeParse({ ...body, criteria: [] }).success).toBe(false);
  });
});

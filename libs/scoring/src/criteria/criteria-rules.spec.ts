import { criteriaProblems } from './criteria-rules';

describe('criteriaProblems', () => {
  const criteria = [{ metric: 'spec.estop' }, { metric: 'training.hours' }, { metric: 'task.success_rate:pick' }];

  it('lets an admission set name declared specs only, naming each other criterion', () => {
    expect(criteriaProblems('admission', criteria).map((problem) => problem.field)).toEqual([
      'criteria[1].metric',
      'criteria[2].metric',
    ]);
    expect(criteriaProblems('admission', criteria.slice(0, 1))).toEqual([]);
  });

  it('lets a graduation set name any metric of the catalog', () => {
    expect(criteriaProblems('graduation', criteria)).toEqual([]);
  });
});

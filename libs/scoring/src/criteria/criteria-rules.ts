import { FieldError, parseMetricKey, Stage } from '@app/contract';

/**
 * What the body schema cannot tell alone: an admission set names declared specs only, because a robot
 * applying for admission has not trained yet and every training metric would be empty.
 */
export function criteriaProblems(stage: Stage, criteria: readonly { metric: string }[]): FieldError[] {
  if (stage !== 'admission') return [];
  return criteria.flatMap((criterion, index) =>
    parseMetricKey(criterion.metric)?.kind === 'spec'
      ? []
      : [
          {
            field: `criteria[${index}].metric`,
            message: 'an admission set may name declared specs (spec.<name>) only: an applicant has not trained yet',
          },
        ],
  );
}

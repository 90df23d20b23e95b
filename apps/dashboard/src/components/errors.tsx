import type { FormInstance } from 'antd';
import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';
import { useT, type Translate } from '../i18n/i18n';
import { fieldPathOf, fieldPattern, type FieldPath } from './field-path';

/** What to tell a person about a failure: the field's own explanation when it gave one. */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof ApiError) return error.isNetworkFailure ? t('error.network') : error.problem.detail;
  return t('error.unexpected');
}

/**
 * Puts the field's validation errors (`errors: [{field, message}]`) on the form's own fields: on a
 * nested field when `fields` names its pattern (`criteria.*.metric`), else on its top-level field
 * when `fields` names that. Answers the ones that name no field of the form, to be shown with the
 * problem's detail.
 */
export function showFieldErrors(
  form: FormInstance,
  fields: readonly string[],
  error: unknown,
): { field: string; message: string }[] {
  if (!(error instanceof ApiError)) return [];
  const known = new Set(fields);
  const unplaced: { field: string; message: string }[] = [];
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  for (const issue of error.fieldErrors) {
    const path = fieldPathOf(issue.field);
    const name = known.has(fieldPattern(path)) ? path : known.has(String(path[0])) ? path.slice(0, 1) : null;
    if (!name) {
      unplaced.push(issue);
      continue;
    }
    const key = JSON.stringify(name);
    const placed = byField.get(key) ?? { name, errors: [] };
    placed.errors.push(issue.message);
    byField.set(key, placed);
  }
  form.setFields([...byField.values()]);
  return unplaced;
}

/** A failed action: the problem's detail, and any field errors the form could not place. */
export function ProblemAlert({
  error,
  unplaced = [],
}: {
  error: unknown;
  unplaced?: { field: string; message: string }[];
}) {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('error.title')}
      description={
        <>
          <div data-testid="problem-detail">{describeError(error, t)}</div>
          {unplaced.length > 0 && (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {unplaced.map((issue) => (
                <li key={issue.field + issue.message}>
                  {issue.field ? `${issue.field}: ` : ''}
                  {issue.message}
                </li>
              ))}
            </ul>
          )}
        </>
      }
    />
  );
}

/** A load that failed, with a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('error.loadFailed')}
      description={describeError(error, t)}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}

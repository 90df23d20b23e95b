export {
  BAY_MODES,
  BAY_STATUSES,
  CRITERIA_SET_STATUSES,
  CRITERION_OPS,
  DIMENSIONS,
  DOMAINS,
  EXAM_STATUSES,
  REPORT_STATUSES,
  ROBOT_FORMS,
  ROBOT_STATUSES,
  ROLES,
  SITE_KINDS,
  STAGES,
} from '@app/contract';

/** A URL parameter, if it is one of the allowed values. */
export function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.includes(raw as T) ? (raw as T) : undefined;
}

/** A form field's path: `criteria[1].metric` → ['criteria', 1, 'metric'], as Ant Design forms name fields. */
export type FieldPath = (string | number)[];

/** The path a problem document's `errors[].field` names (`robotIds[0]`, `specs.payloadKg`, `criteria[1].metric`). */
export function fieldPathOf(field: string): FieldPath {
  return field
    .split(/\.|\[(\d+)\]/)
    .filter((part): part is string => part !== undefined && part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The path with list positions as `*` (`criteria.*.metric`): how a form declares which nested fields it shows. */
export function fieldPattern(path: FieldPath): string {
  return path.map((part) => (typeof part === 'number' ? '*' : part)).join('.');
}

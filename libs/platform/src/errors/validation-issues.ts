import type { FieldError } from '@app/contract';

/** The parts of a Standard Schema issue (as zod reports them) that the field turns into messages. */
export interface SchemaIssue {
  message: string;
  path?: readonly (PropertyKey | { key: PropertyKey })[];
  code?: string;
  expected?: string;
  format?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  values?: unknown[];
  keys?: string[];
  /** The inner issues of an invalid record key. */
  issues?: SchemaIssue[];
}

/**
 * Turns schema issues into the contract's `errors: [{field, message}]`: one entry per bad field,
 * named by its path (`robotIds[0]`, `specs.payloadKg`), with a message a person understands.
 */
export function toFieldErrors(issues: readonly SchemaIssue[], input: unknown, prefix?: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const path = [...(prefix ? [prefix] : []), ...(issue.path ?? []).map((segment) => keyOf(segment))];
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      for (const key of issue.keys) errors.push({ field: formatPath([...path, key]), message: 'is not allowed' });
      continue;
    }
    const valuePath = (issue.path ?? []).map((segment) => keyOf(segment));
    errors.push({ field: formatPath(path), message: describe(issue, valueAt(input, valuePath)) });
  }
  return dedupe(errors);
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

function describe(issue: SchemaIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'is required';
      if (value === null) return 'must not be null';
      return `must be ${article(issue.expected ?? 'value')}`;
    case 'invalid_format':
      return formatMessage(issue);
    case 'too_small':
      return bound(issue, 'at least', issue.minimum);
    case 'too_big':
      return bound(issue, 'at most', issue.maximum);
    case 'invalid_value':
      return `must be one of ${(issue.values ?? []).map(String).join(', ')}`;
    case 'invalid_union':
      return 'has the wrong type';
    case 'invalid_key': {
      const inner = issue.issues?.find((candidate) => candidate.message && !candidate.message.startsWith('Invalid'));
      return inner ? inner.message : 'is not an allowed name';
    }
    case 'not_multiple_of':
    case 'custom':
    default:
      return issue.message;
  }
}

function formatMessage(issue: SchemaIssue): string {
  switch (issue.format) {
    case 'uuid':
    case 'guid':
      return 'must be a UUID';
    case 'email':
      return 'must be an email address';
    case 'datetime':
      return 'must be an ISO-8601 timestamp with an offset, e.g. 2026-05-01T09:00:00+08:00';
    case 'date':
      return 'must be a date (YYYY-MM-DD)';
    case 'url':
      return 'must be a URL';
    default:
      // A schema's own message explains its pattern; zod's generic one starts with "Invalid".
      return issue.message && !issue.message.startsWith('Invalid') ? issue.message : 'has an invalid format';
  }
}

function bound(issue: SchemaIssue, word: string, limit: number | bigint | undefined): string {
  const n = Number(limit);
  switch (issue.origin) {
    case 'string':
      return word === 'at least' && n === 1 ? 'must not be empty' : `must be ${word} ${n} characters`;
    case 'array':
    case 'set':
      return `must have ${word} ${n} item${n === 1 ? '' : 's'}`;
    case 'number':
    case 'int':
    case 'bigint':
      if (issue.inclusive === false) return `must be ${word === 'at least' ? 'greater' : 'less'} than ${n}`;
      return `must be ${word} ${n}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  const names: Record<string, string> = {
    int: 'an integer',
    object: 'an object',
    array: 'an array',
    number: 'a number',
    string: 'a string',
    boolean: 'a boolean',
  };
  return names[expected] ?? `${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}`;
}

function keyOf(segment: PropertyKey | { key: PropertyKey }): PropertyKey {
  return typeof segment === 'object' && segment !== null ? segment.key : segment;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.field}\u0000${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

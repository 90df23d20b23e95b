import type { FieldError } from '@app/contract';

/** Stable error codes of the field; the problem filter is the one place that maps them to HTTP. */
export const ERROR_STATUS = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  too_many_requests: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * A failure the client can act on. `extensions` become extra members of the problem document
 * (for example `conflicts` of a double booking); `headers` are set on the response.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export class ValidationFailed extends DomainError {
  constructor(readonly errors: FieldError[]) {
    super(
      'validation',
      errors.length === 1
        ? `${errors[0].field || 'the request'} ${errors[0].message}`
        : `${errors.length} fields are invalid`,
      { errors },
    );
  }
}

export const notFound = (what: string, id?: string) =>
  new DomainError('not_found', id ? `no ${what} with id ${id}` : `no such ${what}`);
export const conflict = (detail: string, extensions?: Record<string, unknown>) =>
  new DomainError('conflict', detail, extensions);
export const unprocessable = (detail: string, extensions?: Record<string, unknown>) =>
  new DomainError('unprocessable', detail, extensions);
export const forbidden = (detail = 'your role may not do this') => new DomainError('forbidden', detail);
export const unauthenticated = (detail = 'a valid access token is required') =>
  new DomainError('unauthenticated', detail);

/** A body names a record that does not exist: 422, naming the field. */
export const missingReference = (field: string, what: string) =>
  new DomainError('unprocessable', `the ${what} named by ${field} does not exist`, {
    errors: [{ field, message: `names no ${what}` }],
  });

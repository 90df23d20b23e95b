import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';

/** The PostgreSQL error codes the field reacts to. */
export const PG = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  notNullViolation: '23502',
  exclusionViolation: '23P01',
  invalidTextRepresentation: '22P02',
  datetimeFieldOverflow: '22008',
  invalidDatetimeFormat: '22007',
  numericOutOfRange: '22003',
  /** The prefix of every SQLSTATE of class 22, data exception. */
  dataExceptionClass: '22',
  programLimitExceeded: '54000',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
  queryCanceled: '57014',
  adminShutdown: '57P01',
  cannotConnectNow: '57P03',
} as const;

export interface PgErrorFields {
  code?: string;
  constraint?: string;
  detail?: string;
  table?: string;
  column?: string;
}

/** The driver error behind a TypeORM or pg failure, if it is one. */
export function pgError(error: unknown): PgErrorFields | null {
  const candidate = error instanceof QueryFailedError ? (error.driverError as PgErrorFields) : error;
  if (candidate && typeof candidate === 'object' && typeof (candidate as PgErrorFields).code === 'string') {
    return candidate as PgErrorFields;
  }
  return null;
}

export function isPgError(error: unknown, code: string, constraint?: string): boolean {
  const fields = pgError(error);
  return fields?.code === code && (constraint === undefined || fields.constraint === constraint);
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/**
 * The fallback translation of database failures that a service did not translate itself:
 * constraint violations become 409/422 with the database's own explanation, never a 500.
 */
export function translateDatabaseError(error: unknown): DomainError | null {
  const fields = pgError(error);
  const message = error instanceof Error ? error.message : '';
  if (!fields) {
    if (/Connection terminated|timeout exceeded when trying to connect/i.test(message)) {
      return new DomainError(
        'unavailable',
        'the database is unavailable; try again shortly',
        {},
        { 'Retry-After': '5' },
      );
    }
    return null;
  }
  const code = fields.code ?? '';
  const explained = explain(fields);
  if (CONNECTION_CODES.has(code) || code === PG.adminShutdown || code === PG.cannotConnectNow) {
    return new DomainError('unavailable', 'the database is unavailable; try again shortly', {}, { 'Retry-After': '5' });
  }
  // Class 22 is "data exception": the value itself was unacceptable (22021 bad encoding, 22P02 bad
  // text, 22003 out of range, 22007/22008 bad or overflowing dates...), so the client caused it.
  if (code.startsWith(PG.dataExceptionClass)) {
    return new DomainError('validation', 'a value has the wrong format or is out of range');
  }
  switch (code) {
    case PG.uniqueViolation:
    case PG.exclusionViolation:
      return new DomainError('conflict', explained ?? 'this conflicts with an existing record');
    case PG.foreignKeyViolation:
      return new DomainError('unprocessable', explained ?? 'a referenced record does not exist');
    case PG.checkViolation:
    case PG.notNullViolation:
      return new DomainError('unprocessable', explained ?? 'the values break a rule of the field');
    case PG.programLimitExceeded:
      return new DomainError('validation', 'a value is too large for the field to store');
    case PG.serializationFailure:
    case PG.deadlockDetected:
    case PG.queryCanceled:
      return new DomainError('unavailable', 'the field is busy; try again', {}, { 'Retry-After': '1' });
    default:
      return null;
  }
}

/** Turns "Key (serial_number)=(SN-1) already exists." into "serial_number SN-1 already exists". */
function explain(fields: PgErrorFields): string | null {
  const detail = fields.detail;
  if (!detail) return fields.constraint ? `violates ${fields.constraint}` : null;
  const key = /^Key \((.+?)\)=\((.*)\) (already exists|is not present in table "(.+)")\.?$/.exec(detail);
  if (key) {
    return key[3] === 'already exists' ? `${key[1]} ${key[2]} already exists` : `${key[1]} ${key[2]} does not exist`;
  }
  if (fields.code === PG.checkViolation && fields.constraint) return `violates the rule ${fields.constraint}`;
  return detail;
}

/**
 * Maps a violated constraint, by name, to the error the client should see; anything else is
 * returned unchanged. Used as `catch (error) { throw byConstraint<UsersConstraint>(error, {...}) }`,
 * with a generated constraint union so that a name the schema lacks does not compile.
 */
export function byConstraint<C extends string>(
  error: unknown,
  translations: Readonly<Partial<Record<C, () => DomainError>>>,
): unknown {
  const constraint = pgError(error)?.constraint as C | undefined;
  const translate = constraint ? translations[constraint] : undefined;
  return translate ? translate() : error;
}

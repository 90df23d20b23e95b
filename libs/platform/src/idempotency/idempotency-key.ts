import { createHash } from 'node:crypto';
import { canonicalJsonBytes } from '../json/canonical-json';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** How long a key answers its repeats. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

const PRINTABLE_ASCII = /^[\x20-\x7e]{1,255}$/;

/** Null when the header value may be a key, else why not. */
export function idempotencyKeyProblem(value: string | string[] | undefined): string | null {
  if (Array.isArray(value)) return 'must be sent once';
  if (value === undefined || !PRINTABLE_ASCII.test(value)) return 'must be 1 to 255 printable ASCII characters';
  return null;
}

/**
 * What makes two requests "the same": method, path and the body in its RFC 8785 form, so key
 * order and number spelling do not tell two equal bodies apart.
 */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n`)
    .update(canonicalJsonBytes(body ?? null))
    .digest('hex');
}

import type { Page } from '@app/contract';
import { ValidationFailed } from '../errors/domain-error';

/**
 * Keyset pagination: the cursor carries the sort key of the last item served, so inserts made
 * while a client pages never shift, repeat or skip the rows it has not seen yet.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: readonly ('string' | 'number')[]): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === shape.length && key.every((part, index) => typeof part === shape[index])) {
      return key as (string | number)[];
    }
  } catch {
    // fall through to the validation error below
  }
  throw invalidCursor();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cursor of a list ordered by (time-ordered) id alone. */
export function decodeIdCursor(cursor: string): string {
  const [id] = decodeCursor(cursor, ['string']);
  if (!UUID.test(String(id))) throw invalidCursor();
  return String(id);
}

export const invalidCursor = () =>
  new ValidationFailed([{ field: 'cursor', message: 'is not a cursor this list gave out' }]);

/** `rows` were fetched with `limit + 1`: the extra row only tells that another page exists. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => readonly (string | number)[],
  present: (row: Row) => Item,
): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(present),
    nextCursor: hasMore ? encodeCursor(keyOf(pageRows[pageRows.length - 1])) : null,
  };
}

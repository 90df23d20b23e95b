import { ValidationFailed } from '../errors/domain-error';
import { decodeCursor, decodeIdCursor, encodeCursor, toPage } from './pagination';

describe('cursor pagination', () => {
  it('round-trips a sort key', () => {
    const cursor = encodeCursor(['2026-05-01T08:00:00.000Z', 'abc']);
    expect(decodeCursor(cursor, ['string', 'string'])).toEqual(['2026-05-01T08:00:00.000Z', 'abc']);
  });

  it.each(['%%%', encodeCursor([1]), encodeCursor(['a', 'b']), Buffer.from('{"a":1}').toString('base64url')])(
    'refuses a cursor it did not give out (%s) with a 400 naming the cursor',
    (cursor) => {
      expect(() => decodeCursor(cursor, ['string'])).toThrow(ValidationFailed);
    },
  );

  it('refuses an id cursor that is not a UUID', () => {
    expect(() => decodeIdCursor(encodeCursor(["1' OR 1=1"]))).toThrow(ValidationFailed);
    const id = '01a224b4-f49a-7b96-8699-44c95c136d7a';
    expect(decodeIdCursor(encodeCursor([id]))).toBe(id);
  });

  it('gives a next cursor only when a further row exists', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = toPage(
      rows,
      2,
      (row) => [row.id],
      (row) => row.id,
    );
    expect(page.items).toEqual(['a', 'b']);
    expect(decodeCursor(page.nextCursor!, ['string'])).toEqual(['b']);
    expect(
      toPage(
        rows.slice(0, 2),
        2,
        (row) => [row.id],
        (row) => row.id,
      ).nextCursor,
    ).toBeNull();
  });
});

import { SqlWhere } from './sql-where';

describe('SqlWhere', () => {
  it('numbers parameters in the order the clause uses them, and is empty without conditions', () => {
    const where = new SqlWhere();
    expect(`${where}`).toBe('');
    where.and(`role = ${where.param('admin')}`).and(`vendor_id = ${where.param('v-1')}`);
    expect(`${where}`).toBe('WHERE role = $1 AND vendor_id = $2');
    expect(where.params).toEqual(['admin', 'v-1']);
  });

  it('pages past an id, in id order, or from the start', () => {
    const after = new SqlWhere();
    after.and(`kind = ${after.param('main')}`);
    expect(after.page('id-9', 50)).toBe('WHERE kind = $1 AND id > $2 ORDER BY id LIMIT $3');
    expect(after.params).toEqual(['main', 'id-9', 50]);
    const first = new SqlWhere();
    expect(first.page(null, 10)).toBe(' ORDER BY id LIMIT $1');
    expect(first.params).toEqual([10]);
  });
});

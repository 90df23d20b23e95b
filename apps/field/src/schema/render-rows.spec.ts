import type { SchemaCatalog, TableInfo } from './catalog';
import { renderRowFiles } from './render-rows';

const table = (name: string, overrides: Partial<TableInfo> = {}): TableInfo => ({
  name,
  partitioned: null,
  comment: null,
  columns: [
    { name: 'id', type: 'uuid', nullable: false, default: null, generated: null, comment: null },
    { name: 'status', type: 'text', nullable: true, default: null, generated: null, comment: 'Where it stands.' },
    { name: 'tags', type: 'text[]', nullable: false, default: null, generated: null, comment: null },
    { name: 'seq', type: 'bigint', nullable: false, default: null, generated: null, comment: null },
  ],
  constraints: [
    { name: `${name}_pkey`, definition: 'PRIMARY KEY (id)' },
    { name: `${name}_status_check`, definition: "CHECK ((status = ANY (ARRAY['open'::text, 'closed'::text])))" },
  ],
  indexes: [
    { name: `${name}_one_open`, definition: 'CREATE UNIQUE INDEX ...', unique: true },
    { name: `${name}_seq_idx`, definition: 'CREATE INDEX ...', unique: false },
  ],
  triggers: [],
  partitions: [],
  ...overrides,
});

const catalog = (...tables: TableInfo[]): SchemaCatalog => ({ tables, functions: [], extensions: [] });

describe('row types rendered from the schema', () => {
  it('types columns as node-postgres returns them, CHECKed lists as unions, nulls as null', () => {
    const source = renderRowFiles(catalog(table('doors')), { doors: 'field' }).get('libs/field/src/rows.generated.ts');
    expect(source).toContain('export interface DoorsRow {');
    expect(source).toContain('  id: string;');
    expect(source).toContain("  status: 'open' | 'closed' | null;");
    expect(source).toContain('  /** Where it stands. */');
    expect(source).toContain('  tags: string[];');
    expect(source).toContain('  seq: string;');
    expect(source).toContain("export const DOORS_COLUMNS = ['id', 'status', 'tags', 'seq'] as const;");
  });

  it('names every constraint and unique index a violation can carry, but not plain indexes', () => {
    const source = renderRowFiles(catalog(table('doors')), { doors: 'field' }).get('libs/field/src/rows.generated.ts');
    expect(source).toContain("export type DoorsConstraint = 'doors_one_open' | 'doors_pkey' | 'doors_status_check';");
  });

  it('names what its trigger functions raise as constraints', () => {
    const guarded = table('doors', {
      triggers: [{ name: 'doors_guard', definition: 'CREATE TRIGGER doors_guard ... EXECUTE FUNCTION doors_refuse()' }],
    });
    const source = renderRowFiles(
      {
        ...catalog(guarded),
        functions: [{ signature: 'doors_refuse()', definition: "RAISE ... USING CONSTRAINT = 'doors_locked';" }],
      },
      { doors: 'field' },
    ).get('libs/field/src/rows.generated.ts');
    expect(source).toMatch(/export type DoorsConstraint =\s+'doors_locked' \| /);
  });

  it('writes one file per owning feature', () => {
    const files = renderRowFiles(catalog(table('doors'), table('keys')), { doors: 'field', keys: 'identity' });
    expect([...files.keys()]).toEqual(['libs/field/src/rows.generated.ts', 'libs/identity/src/rows.generated.ts']);
  });

  it('refuses a table no feature owns, and a column type it cannot map', () => {
    expect(() => renderRowFiles(catalog(table('doors')), {})).toThrow(/no feature owns doors/);
    const odd = table('doors', {
      columns: [{ name: 'at', type: 'interval', nullable: false, default: null, generated: null, comment: null }],
    });
    expect(() => renderRowFiles(catalog(odd), { doors: 'field' })).toThrow(
      /doors\.at: no TypeScript type for interval/,
    );
  });
});

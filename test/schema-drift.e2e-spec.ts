import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateSchemaFiles } from '../apps/field/src/schema/generate';
import { rowsFile } from '../apps/field/src/schema/render-rows';
import { createSuiteDatabase, dropDatabase } from './support/test-env';

/**
 * The migrations are the one description of every table. The row types in each feature's
 * `rows.generated.ts` and the snapshot of every column, constraint, index, trigger and function
 * (prisma-free-migrations/schema.snapshot.txt) are generated from the migrated schema; when a
 * migration changes it and they were not regenerated, or someone edited them, this fails.
 */
describe('schema drift between the migrations and the generated schema files', () => {
  const root = resolve(__dirname, '..');
  let generated: Map<string, string>;

  beforeAll(async () => {
    const database = await createSuiteDatabase();
    try {
      generated = await generateSchemaFiles(database.url);
    } finally {
      await dropDatabase(database.name);
    }
  });

  it('regenerating changes no committed file (run `npm run schema:generate` after a migration)', () => {
    const stale = [...generated].filter(([path, content]) => {
      const file = join(root, path);
      return !existsSync(file) || readFileSync(file, 'utf8') !== content;
    });
    expect(stale.map(([path]) => path)).toEqual([]);
  });

  it('leaves no generated row file behind for a feature that owns no table any more', () => {
    const committed = readdirSync(join(root, 'libs'))
      .map(rowsFile)
      .filter((path) => existsSync(join(root, path)));
    expect(committed.sort()).toEqual([...generated.keys()].filter((path) => path.endsWith('.ts')).sort());
  });

  it('describes the tables the field relies on, with their guarding constraints and triggers', () => {
    const snapshot = generated.get('prisma-free-migrations/schema.snapshot.txt') ?? '';
    expect(snapshot).toMatch(/^table telemetry_packets PARTITION BY RANGE/m);
    expect(snapshot).toMatch(/^ {2}constraint training_sessions_bay_overlap_excl EXCLUDE USING gist/m);
    expect(snapshot).toMatch(/^ {2}trigger audit_log_append_only_rows /m);
    expect(snapshot).toMatch(/^ {2}index \w+ CREATE UNIQUE INDEX .* WHERE \(revoked_at IS NULL\)/m);
  });
});

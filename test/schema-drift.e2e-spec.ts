import { DataSource } from 'typeorm';
import { databaseOptions, loadConfig } from '@app/platform';
import { ALL_ENTITIES } from '../apps/field/src/entities';
import { createSuiteDatabase, dropDatabase } from './support/test-env';

/**
 * The entities and the migrations must agree. We ask TypeORM what it would change to make the
 * migrated schema match the entities (what `migration:generate --dryrun --check` does). The
 * migrations deliberately hold more than the entities declare — foreign keys across features,
 * CHECKs, partial and GIN indexes, exclusion constraints — so TypeORM proposing to DROP such a
 * constraint or index is expected. Anything else (a table, column, type, default or nullability it
 * would create or alter, or a constraint an entity claims that the database lacks) is drift.
 */
describe('schema drift between entities and migrations', () => {
  it('TypeORM would change no table or column of the migrated schema', async () => {
    const database = await createSuiteDatabase();
    const dataSource = new DataSource(databaseOptions(loadConfig({ DATABASE_URL: database.url }), ALL_ENTITIES));
    await dataSource.initialize();
    try {
      const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
      const drift = upQueries
        .map((query) => query.query.trim())
        .filter(
          (sql) => !/^ALTER TABLE "\w+" DROP CONSTRAINT "\w+"$/.test(sql) && !/^DROP INDEX "public"\."\w+"$/.test(sql),
        );
      expect(drift).toEqual([]);
    } finally {
      await dataSource.destroy();
      await dropDatabase(database.name);
    }
  });
});

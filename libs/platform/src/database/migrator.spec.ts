import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { builtEntry } from '../../../../test/support/built';
import { runNode } from '../../../../test/support/child';
import { databaseUrl, dropDatabase, freshDatabaseName } from '../../../../test/support/test-env';
import { findMigrationsDir, migrate, readMigrations } from './migrator';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'field-migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

describe('migrator (real PostgreSQL)', () => {
  const created: string[] = [];
  const fresh = (label: string) => {
    const name = freshDatabaseName(label);
    created.push(name);
    return { name, url: databaseUrl(name) };
  };

  afterAll(async () => {
    for (const name of created) await dropDatabase(name);
  });

  it('creates a missing database, applies every migration, and a second run is a no-op', async () => {
    const db = fresh('mig_twice');
    const all = readMigrations(findMigrationsDir()).map((m) => `${m.version}_${m.name}`);
    const first = await migrate(db.url);
    expect(first).toEqual({ createdDatabase: true, applied: all });
    const second = await migrate(db.url);
    expect(second).toEqual({ createdDatabase: false, applied: [] });
    const rows = await query<{ version: string }>(db.url, 'SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual(all.map((name) => name.slice(0, 4)));
  });

  it('two processes migrating one empty database at once apply each migration exactly once', async () => {
    const db = fresh('mig_race');
    const script = builtEntry('migrate');
    const env = { DATABASE_URL: db.url };
    const [a, b] = await Promise.all([runNode(script, env), runNode(script, env)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const migrationCount = readdirSync(findMigrationsDir()).filter((file) => file.endsWith('.sql')).length;
    const appliedLines = (a.stdout + b.stdout).split('\n').filter((line) => line.startsWith('applied migration'));
    expect(appliedLines).toHaveLength(migrationCount);
    const rows = await query<{ version: string; n: string }>(
      db.url,
      'SELECT version, count(*) AS n FROM schema_migrations GROUP BY version',
    );
    expect(rows).toHaveLength(migrationCount);
    expect(rows.every((row) => row.n === '1')).toBe(true);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const db = fresh('mig_edit');
    const dir = migrationsDir({ '0001_a.sql': 'CREATE TABLE a (id int);' });
    await migrate(db.url, { dir });
    writeFileSync(join(dir, '0001_a.sql'), 'CREATE TABLE a (id bigint);');
    await expect(migrate(db.url, { dir })).rejects.toThrow(/0001_a\.sql changed after it was applied/);
  });

  it('rolls a failing migration back completely, recording nothing', async () => {
    const db = fresh('mig_fail');
    const dir = migrationsDir({
      '0001_ok.sql': 'CREATE TABLE ok (id int);',
      '0002_broken.sql': 'CREATE TABLE half (id int); SELECT no_such_function();',
    });
    await expect(migrate(db.url, { dir })).rejects.toThrow(/0002_broken\.sql failed/);
    const tables = await query<{ tablename: string }>(
      db.url,
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    expect(tables.map((t) => t.tablename)).toEqual(['ok', 'schema_migrations']);
    const versions = await query<{ version: string }>(db.url, 'SELECT version FROM schema_migrations');
    expect(versions).toEqual([{ version: '0001' }]);
  });

  it('refuses a database migrated by newer code', async () => {
    const db = fresh('mig_newer');
    await migrate(db.url, { dir: migrationsDir({ '0001_a.sql': 'SELECT 1;', '0002_b.sql': 'SELECT 1;' }) });
    await expect(migrate(db.url, { dir: migrationsDir({ '0001_a.sql': 'SELECT 1;' }) })).rejects.toThrow(
      /does not know \(0002\)/,
    );
  });

  it('refuses badly named or duplicate migration files', () => {
    expect(() => readMigrations(migrationsDir({ 'init.sql': '' }))).toThrow(/NNNN_snake_case_name/);
    expect(() => readMigrations(migrationsDir({ '0001_a.sql': '', '0001_b.sql': '' }))).toThrow(
      /share the number 0001/,
    );
  });
});

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
  /** Statements such as CREATE INDEX CONCURRENTLY cannot run inside a transaction. */
  transactional: boolean;
}

export interface MigrationResult {
  createdDatabase: boolean;
  applied: string[];
}

/** Any fixed 64-bit number works: it only has to be the same in every process of the field. */
const MIGRATION_LOCK_KEY = 7_227_001_2026n;
const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Walks up from this file to the project's `prisma-free-migrations/` (source tree, dist and image alike). */
export function findMigrationsDir(start = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'prisma-free-migrations');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`no prisma-free-migrations/ folder above ${start}`);
  }
}

export function readMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match) throw new Error(`migration file "${file}" must be named NNNN_snake_case_name.sql`);
      const sql = readFileSync(join(dir, file), 'utf8');
      return {
        version: match[1],
        name: match[2],
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
        transactional: !/^--\s*migrate:no-transaction\b/m.test(sql),
      };
    });
  const seen = new Set<string>();
  for (const migration of migrations) {
    if (seen.has(migration.version)) throw new Error(`two migrations share the number ${migration.version}`);
    seen.add(migration.version);
  }
  return migrations;
}

/** Creates the database named in the URL when it does not exist yet; safe when several processes race. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const probe = new Client({ connectionString: databaseUrl });
  try {
    await probe.connect();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
  } finally {
    await probe.end().catch(() => undefined);
  }
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  target.pathname = '/postgres';
  const admin = new Client({ connectionString: target.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
    return true;
  } catch (error) {
    // 42P04: another process created it first; 23505: the same race caught by pg_database's unique index.
    if (['42P04', '23505'].includes((error as { code?: string }).code ?? '')) return false;
    throw error;
  } finally {
    await admin.end();
  }
}

/**
 * Applies pending migrations in order, each in its own transaction together with its record.
 * A session-level advisory lock makes concurrent starters wait, so each migration runs once.
 */
export async function migrate(
  databaseUrl: string,
  options: { dir?: string; log?: (message: string) => void } = {},
): Promise<MigrationResult> {
  const log = options.log ?? (() => undefined);
  const migrations = readMigrations(options.dir ?? findMigrationsDir());
  const createdDatabase = await ensureDatabase(databaseUrl);
  if (createdDatabase) log(`created database ${new URL(databaseUrl).pathname.slice(1)}`);

  const client = new Client({ connectionString: databaseUrl, application_name: 'field-migrate' });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version text PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await client.query<{ version: string; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations',
    );
    const done = new Map(rows.map((row) => [row.version, row]));
    const known = new Set(migrations.map((migration) => migration.version));
    const unknown = rows.filter((row) => !known.has(row.version));
    if (unknown.length > 0) {
      throw new Error(
        `the database has migrations this code does not know (${unknown.map((row) => row.version).join(', ')}); ` +
          'it was migrated by a newer version of the field',
      );
    }
    for (const migration of migrations) {
      const previous = done.get(migration.version);
      if (previous) {
        if (previous.checksum !== migration.checksum) {
          throw new Error(
            `migration ${migration.version}_${migration.name}.sql changed after it was applied; ` +
              'write a new migration instead of editing an applied one',
          );
        }
        continue;
      }
      await apply(client, migration);
      applied.push(`${migration.version}_${migration.name}`);
      log(`applied migration ${migration.version}_${migration.name}`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]).catch(() => undefined);
    await client.end();
  }
  return { createdDatabase, applied };
}

async function apply(client: Client, migration: Migration): Promise<void> {
  const record = () =>
    client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
      migration.version,
      migration.name,
      migration.checksum,
    ]);
  if (!migration.transactional) {
    await client.query(migration.sql);
    await record();
    return;
  }
  await client.query('BEGIN');
  try {
    await client.query(migration.sql);
    await record();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${migration.version}_${migration.name}.sql failed: ${reason}`, { cause: error });
  }
}

export function quoteIdentifier(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

import { Client } from 'pg';
import { readCatalog } from './catalog';
import { renderRowFiles } from './render-rows';
import { renderSnapshot, SNAPSHOT_FILE } from './render-snapshot';
import { TABLE_OWNERS } from './table-owners';

/**
 * The generated schema files (path relative to the repository root, to content) for a database the
 * migrations have just built: each feature's row types and the schema snapshot.
 */
export async function generateSchemaFiles(migratedDatabaseUrl: string): Promise<Map<string, string>> {
  const client = new Client({ connectionString: migratedDatabaseUrl, application_name: 'field-schema' });
  await client.connect();
  try {
    const catalog = await readCatalog(async (sql, parameters) => (await client.query(sql, parameters)).rows);
    const files = renderRowFiles(catalog, TABLE_OWNERS);
    files.set(SNAPSHOT_FILE, renderSnapshot(catalog));
    return files;
  } finally {
    await client.end();
  }
}

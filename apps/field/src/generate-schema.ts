import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { ConfigError, findMigrationsDir, loadConfig, migrate, quoteIdentifier } from '@app/platform';
import { generateSchemaFiles } from './schema/generate';

/**
 * `npm run schema:generate`: migrates a throwaway database on the configured server, and writes
 * the row types of every feature and the schema snapshot from what the migrations left.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const root = resolve(findMigrationsDir(), '..');
  const target = new URL(config.databaseUrl);
  const scratch = `field_schema_${process.pid}_${Date.now()}`;
  target.pathname = `/${scratch}`;
  const admin = new URL(config.databaseUrl);
  admin.pathname = '/postgres';
  try {
    await migrate(target.toString());
    const files = await generateSchemaFiles(target.toString());
    for (const [path, content] of files) {
      writeFileSync(join(root, path), content);
      process.stdout.write(`wrote ${path}\n`);
    }
  } finally {
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(scratch)} WITH (FORCE)`);
    await client.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(error instanceof ConfigError ? 78 : 1);
});

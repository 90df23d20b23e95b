import { ConfigError, loadConfig, migrate } from '@app/platform';

/** `npm run migrate`: applies pending migrations and exits. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const result = await migrate(config.databaseUrl, { log: (message) => process.stdout.write(`${message}\n`) });
  process.stdout.write(
    result.applied.length === 0 ? 'the database is up to date\n' : `applied ${result.applied.length} migration(s)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(error instanceof ConfigError ? 78 : 1);
});

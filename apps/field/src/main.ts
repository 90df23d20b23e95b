import { ConfigError, describeConfig, loadConfig, migrate } from '@app/platform';
import { createFieldApp } from './create-app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const log = (message: string) =>
    process.stdout.write(JSON.stringify({ level: 30, time: Date.now(), msg: message }) + '\n');

  await migrate(config.databaseUrl, { log });
  const app = await createFieldApp(config);
  await app.listen(config.port, '0.0.0.0');
  log(`field started as ${config.role} on port ${config.port}`);
  log(`configuration: ${JSON.stringify(describeConfig(config))}`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `the field failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

import { ConfigError, describeConfig, loadConfig, migrate } from '@app/platform';
import { createFieldApp } from './create-app';

const UNHANDLED_REJECTION = 'unhandled promise rejection';

/**
 * A rejection nobody handled is a bug to fix, not a reason to drop every robot's connection: it is
 * logged, and the process goes on.
 */
function logUnhandledRejections(): void {
  process.on('unhandledRejection', (reason: unknown) => {
    const err =
      reason instanceof Error ? { type: reason.name, message: reason.message, stack: reason.stack } : String(reason);
    process.stdout.write(JSON.stringify({ level: 50, time: Date.now(), err, msg: UNHANDLED_REJECTION }) + '\n');
  });
}

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

logUnhandledRejections();
main().catch((error: unknown) => {
  process.stderr.write(
    `the field failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

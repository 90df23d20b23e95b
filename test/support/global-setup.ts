import { migrate } from '../../libs/platform/src/database/migrator';
import { databaseUrl, templateDatabaseName } from './test-env';

/** Migrates one template database per run; each suite copies it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  process.env.FIELD_TEST_RUN_ID ??= `${Date.now().toString(36)}_${process.pid}`;
  await migrate(databaseUrl(templateDatabaseName()));
}

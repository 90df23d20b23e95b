import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { quoteIdentifier } from '../../libs/platform/src/database/migrator';

/*
 * What the tests take from their environment is read here and nowhere else. Every test run gets
 * its own databases and Redis prefix, derived from one run id set by the global setup, so parallel
 * runs on one machine never see each other's data.
 */
export const ADMIN_DATABASE_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The log level of the fields the tests start in-process (`TEST_LOG_LEVEL=info` to see their logs). */
export const FIELD_LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
/** Debian's Chromium (`apt-get install chromium`); the tests and benchmarks never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The environment of a process the tests start: what they give it and PATH, nothing else inherited. */
export function childEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', ...env };
}

export function runId(): string {
  const id = process.env.FIELD_TEST_RUN_ID;
  if (!id) throw new Error('FIELD_TEST_RUN_ID is not set: run the tests through jest (its global setup sets it)');
  return id;
}

export const templateDatabaseName = () => `field_test_${runId()}_template`;

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Jest loads this module afresh for every test file, and a worker runs several files one after
 * another, so a counter alone repeats its names within a process: the token tells the loads apart.
 */
const moduleToken = randomBytes(3).toString('hex');
let counter = 0;

/** A fresh database for one suite: a copy of the template migrated once by the global setup. */
export async function createSuiteDatabase(): Promise<{ name: string; url: string }> {
  const name = `field_test_${runId()}_${process.env.JEST_WORKER_ID ?? '0'}_${moduleToken}_${++counter}`;
  await withAdminClient((client) =>
    client.query(`CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(templateDatabaseName())}`),
  );
  return { name, url: databaseUrl(name) };
}

/** An empty database name (not created) for tests of the migrator itself. */
export function freshDatabaseName(label: string): string {
  return `field_test_${runId()}_${label}_${moduleToken}_${++counter}`;
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`));
}

export const suiteQueuePrefix = () =>
  `test_${runId()}_${process.env.JEST_WORKER_ID ?? '0'}_${moduleToken}_${++counter}`;

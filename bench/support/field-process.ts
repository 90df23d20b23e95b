import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { FIELD_NODE_FLAGS } from '../../libs/platform/src/runtime/node-flags';

export interface FieldProcess {
  url: string;
  databaseUrl: string;
  adminToken: string;
  /** The server's OS process id, to read its CPU time and memory. */
  pid: number;
  stop(): Promise<void>;
}

const ADMIN = { email: 'bench-admin@field.local', password: 'bench-admin-password' };
export const PG_ADMIN = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Starts the built server (dist/) as its own process on a fresh database and Redis prefix, so the
 * load generator in this process does not share a CPU thread with it. Both are dropped again by
 * stop(), or at once when the server fails to start.
 */
export async function startField(
  env: Record<string, string> = {},
  options: {
    /** Rewrites the database URL the server is given, e.g. to reach PostgreSQL through a proxy. */
    routeDatabase?: (url: string) => string;
  } = {},
): Promise<FieldProcess> {
  const name = `field_bench_${Date.now().toString(36)}_${process.pid}`;
  const databaseUrl = withDatabase(PG_ADMIN, name);
  const prefix = `bench_${Date.now().toString(36)}`;
  const port = await freePort();
  // e.g. BENCH_SERVER_ARGS=--cpu-prof to profile the server under load.
  const nodeArgs = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...FIELD_NODE_FLAGS, ...nodeArgs, join(__dirname, '..', '..', 'apps', 'field', 'src', 'main.js')],
    {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: options.routeDatabase ? options.routeDatabase(databaseUrl) : databaseUrl,
        REDIS_URL,
        PORT: String(port),
        FIELD_QUEUE_PREFIX: prefix,
        FIELD_ADMIN_EMAIL: ADMIN.email,
        FIELD_ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: 'warn',
        FIELD_DB_POOL_SIZE: '20',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await dropInstall(name, prefix);
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child);
  } catch (error) {
    await stop();
    throw error;
  }
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  return { url, databaseUrl, adminToken: accessToken, pid: child.pid as number, stop };
}

/** The bench's database and every Redis key under its prefix (queues, throttles, adapter streams). */
async function dropInstall(database: string, prefix: string): Promise<void> {
  const client = new Client({ connectionString: PG_ADMIN });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await client.end();
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) {
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
}

/** A port nothing listens on now (a random pick sometimes collided). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the field exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the field did not become healthy within 60 s');
}

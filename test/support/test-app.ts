import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Role } from '@app/contract';
import { FieldConfig, loadConfig } from '@app/platform';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createFieldApp } from '../../apps/field/src/create-app';
import { Factory } from './factory';
import type { TcpProxy } from './tcp-proxy';
import { createSuiteDatabase, dropDatabase, FIELD_LOG_LEVEL, REDIS_URL, suiteQueuePrefix } from './test-env';

export const ADMIN_EMAIL = 'admin@field.test';
export const ADMIN_PASSWORD = 'admin-password-for-tests';

/** An HTTP client bound to one access token (or none). */
export class Api {
  constructor(
    private readonly server: Parameters<typeof request>[0],
    readonly token: string | null,
  ) {}

  private authed(test: request.Test): request.Test {
    return this.token ? test.set('Authorization', `Bearer ${this.token}`) : test;
  }

  get(path: string) {
    return this.authed(request(this.server).get(api(path)));
  }
  post(path: string, body?: unknown) {
    const test = this.authed(request(this.server).post(api(path)));
    return body === undefined ? test : test.send(body as object);
  }
  patch(path: string, body?: unknown) {
    const test = this.authed(request(this.server).patch(api(path)));
    return body === undefined ? test : test.send(body as object);
  }
  delete(path: string) {
    return this.authed(request(this.server).delete(api(path)));
  }
  /** Any method, for the access-table test. */
  call(method: string, path: string) {
    const agent = request(this.server) as unknown as Record<string, (url: string) => request.Test>;
    return this.authed(agent[method.toLowerCase()](api(path)));
  }
}

/** Paths of the contract are written without the /api/v1 prefix; root routes (operations, /verify) keep theirs. */
function api(path: string): string {
  return /^\/(api\/|health|metrics|docs|verify\/)/.test(path) ? path : `/api/v1${path}`;
}

export interface TestApp {
  app: NestExpressApplication;
  config: FieldConfig;
  /** Base URL of the listening server (for socket.io and child processes). */
  url: string;
  anonymous: Api;
  admin: Api;
  factory: Factory;
  /** A signed-in user of the role (vendor users belong to `vendorId`, or to a new vendor). */
  signIn(role: Role, options?: { vendorId?: string }): Promise<Api & { userId: string; vendorId: string | null }>;
  login(email: string, password: string): Promise<Api>;
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * Starts the real field (role `all`) on a fresh copy of the migrated template database and its own
 * Redis prefix, listening on a random port.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: {
    /** Reach PostgreSQL through this proxy, so a test can cut the database off. */
    databaseProxy?: TcpProxy;
    /** Sign the admin in (false for roles without the HTTP API, such as a worker). */
    signIn?: boolean;
  } = {},
): Promise<TestApp> {
  const database = await createSuiteDatabase();
  const config = loadConfig({
    DATABASE_URL: options.databaseProxy ? options.databaseProxy.route(database.url) : database.url,
    REDIS_URL,
    PORT: '0',
    FIELD_QUEUE_PREFIX: suiteQueuePrefix(),
    FIELD_ADMIN_EMAIL: ADMIN_EMAIL,
    FIELD_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: FIELD_LOG_LEVEL,
    FIELD_DB_POOL_SIZE: '20',
    ...env,
  });
  const app = await createFieldApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const server = app.getHttpServer();
  const dataSource = app.get<DataSource>(getDataSourceToken());

  const login = async (email: string, password: string): Promise<Api> => {
    const response = await request(server).post('/api/v1/auth/login').send({ email, password });
    if (response.status !== 200) throw new Error(`login of ${email} failed: ${response.status} ${response.text}`);
    return new Api(server, response.body.accessToken as string);
  };
  let admin: Api;
  try {
    admin = options.signIn === false ? new Api(server, null) : await login(ADMIN_EMAIL, ADMIN_PASSWORD);
  } catch (error) {
    await app.close();
    await dropDatabase(database.name);
    throw error;
  }
  const factory = new Factory(admin);
  let users = 0;

  return {
    app,
    config,
    url,
    anonymous: new Api(server, null),
    admin,
    factory,
    login,
    async signIn(role, options = {}) {
      const vendorId = role === 'vendor' ? (options.vendorId ?? (await factory.vendor()).id) : null;
      const email = `${role}-${++users}-${Date.now()}@field.test`;
      const password = `password-of-${role}-${users}`;
      const user = await factory.user({ email, password, role, ...(vendorId ? { vendorId } : {}) });
      const session = await login(email, password);
      return Object.assign(session, { userId: user.id as string, vendorId });
    },
    sql: (query, params) => dataSource.query(query, params),
    async close() {
      await app.close();
      await dropDatabase(database.name);
    },
  };
}

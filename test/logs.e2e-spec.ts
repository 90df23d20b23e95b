import { FieldChild, startFieldProcess } from './support/field-process';
import { connect, sleep } from './support/sockets';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from './support/test-app';

/**
 * A field process with its log captured at `info` meets failures that carry secrets (a calendar
 * link's token in the URL, an argon2 hash in a failed write's parameters, passwords and tokens in
 * requests); the log keeps none of them, yet records the failures.
 */
describe('logs keep no secrets', () => {
  let field: TestApp;
  let child: FieldChild | null = null;

  beforeAll(async () => {
    field = await startTestApp();
    child = await startFieldProcess(
      {
        DATABASE_URL: field.config.databaseUrl,
        REDIS_URL: field.config.redisUrl,
        FIELD_QUEUE_PREFIX: field.config.queuePrefix,
        FIELD_ROLE: 'api',
        LOG_LEVEL: 'info',
      },
      { captureOutput: true },
    );
  });

  afterAll(async () => {
    await child?.stop();
    await field?.close();
  });

  const call = (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${child!.url}${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('logs the failures without the feed token, query parameters, passwords, hashes or tokens', async () => {
    const secrets: string[] = [ADMIN_PASSWORD];

    const signIn = await call('POST', '/api/v1/auth/login', undefined, {
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
    });
    expect(signIn.status).toBe(200);
    const accessToken = ((await signIn.json()) as { accessToken: string }).accessToken;
    secrets.push(accessToken);
    const wrongPassword = 'wrong-password-never-logged-7731';
    secrets.push(wrongPassword);
    expect(
      (await call('POST', '/api/v1/auth/login', undefined, { email: ADMIN_EMAIL, password: wrongPassword })).status,
    ).toBe(401);

    // A robot connects with its device token.
    const robot = await field.factory.enrolledRobot();
    const deviceToken = (await field.admin.post(`/robots/${robot.id}/device-token`)).body.token as string;
    secrets.push(deviceToken);
    const socket = await connect(child!.url, '/robot', deviceToken);
    socket.close();

    // A calendar link whose feed fails: its token rides in the URL of a failing request.
    const bay = await field.factory.bay();
    const feed = new URL((await field.admin.post(`/bays/${bay.id}/calendar-feed`)).body.url as string);
    const feedToken = feed.searchParams.get('feed')!;
    secrets.push(feedToken);
    await field.sql('ALTER TABLE training_sessions RENAME TO training_sessions_hidden');
    try {
      expect((await call('GET', `${feed.pathname}${feed.search}`)).status).toBe(500);
    } finally {
      await field.sql('ALTER TABLE training_sessions_hidden RENAME TO training_sessions');
    }
    expect((await call('GET', `${feed.pathname}${feed.search}`)).status).toBe(200);

    // A write that fails after the password was hashed: the hash is among the query's parameters.
    await field.sql(`CREATE FUNCTION refuse_users() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION 'users are read-only in this test'; END $$`);
    await field.sql(
      'CREATE TRIGGER refuse_users BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION refuse_users()',
    );
    const newPassword = 'a-new-password-never-logged-5521';
    secrets.push(newPassword);
    try {
      const created = await call('POST', '/api/v1/users', accessToken, {
        email: 'hash-carrier@field.test',
        name: 'Hash Carrier',
        password: newPassword,
        role: 'engineer',
      });
      expect(created.status).toBe(500);
      const [admin] = await field.sql<{ id: string }>('SELECT id FROM users WHERE email = $1', [ADMIN_EMAIL]);
      expect((await call('PATCH', `/api/v1/users/${admin.id}`, accessToken, { password: newPassword })).status).toBe(
        500,
      );
    } finally {
      await field.sql('DROP TRIGGER refuse_users ON users');
    }

    await sleep(500);
    const log = child!.output();
    const lines = log
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // The failures are in the log, with what an operator needs: the path, the SQL, the database's message.
    const failures = lines.filter((line) => line.msg === 'unexpected failure while answering a request');
    expect(failures.length).toBeGreaterThanOrEqual(3);
    expect(log).toContain(`${feed.pathname}?feed=[redacted]`);
    expect(log).toContain('users are read-only in this test');
    expect(log).toContain('training_sessions');
    for (const secret of secrets) expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
    expect(log).not.toMatch(/\$argon2/);
  });
});

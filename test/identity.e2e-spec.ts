import { JwtService } from '@nestjs/jwt';
import { createFieldApp } from '../apps/field/src/create-app';
import Redis from 'ioredis';
import { ACCOUNT_FAILURE_LIMIT, ADDRESS_FAILURE_LIMIT } from '../libs/identity/src/auth/login-throttle';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { REDIS_URL } from './support/test-env';

describe('identity', () => {
  let field: TestApp;

  beforeAll(async () => {
    // Trusting X-Forwarded-For lets each throttle test come from its own address.
    field = await startTestApp({ FIELD_TRUST_PROXY: 'true' });
  });

  afterAll(async () => {
    await field.close();
  });

  let address = 0;
  const from = () => `10.0.${Math.floor(++address / 250)}.${address % 250}`;
  const login = (email: string, password: string, ip: string) =>
    field.anonymous.post('/auth/login', { email, password }).set('X-Forwarded-For', ip);

  describe('POST /auth/login', () => {
    it('answers a token, its lifetime and the user', async () => {
      const response = await login(ADMIN_EMAIL, ADMIN_PASSWORD, from());
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        expiresIn: 8 * 3600,
        user: { id: expect.any(String), email: ADMIN_EMAIL, name: expect.any(String), role: 'admin', vendorId: null },
      });
    });

    it('accepts the email in any case', async () => {
      expect((await login(ADMIN_EMAIL.toUpperCase(), ADMIN_PASSWORD, from())).status).toBe(200);
    });

    it('gives the same 401 for an unknown email and a wrong password', async () => {
      const unknown = await login('nobody@field.test', 'whatever-password', from());
      const wrong = await login(ADMIN_EMAIL, 'wrong-password', from());
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(unknown.body).toEqual(wrong.body);
      expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('names missing, mistyped and unknown fields with 400', async () => {
      const response = await field.anonymous.post('/auth/login', { email: 42, remember: true });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: 'email', message: 'must be a string' },
        { field: 'password', message: 'is required' },
        { field: 'remember', message: 'is not allowed' },
      ]);
    });

    it('refuses a deactivated user with the same 401', async () => {
      const user = await field.factory.user({
        email: 'leaver@field.test',
        password: 'leaver-password',
        role: 'engineer',
      });
      await field.admin.patch(`/users/${user.id}`, { active: false }).expect(200);
      const response = await login('leaver@field.test', 'leaver-password', from());
      expect(response.status).toBe(401);
      expect(response.body.detail).toBe('the email or the password is wrong');
    });
  });

  describe('throttling failed sign-ins', () => {
    it(`blocks an account after ${ACCOUNT_FAILURE_LIMIT} failures, even with the right password, with Retry-After`, async () => {
      await field.factory.user({ email: 'target@field.test', password: 'target-password', role: 'operator' });
      for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
        expect((await login('target@field.test', 'guess', from())).status).toBe(401);
      }
      const blocked = await login('target@field.test', 'target-password', from());
      expect(blocked.status).toBe(429);
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(blocked.body).toMatchObject({ status: 429, type: expect.any(String), detail: expect.any(String) });
      // Other accounts are not affected.
      expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD, from())).status).toBe(200);
    });

    it('does not count successful sign-ins or 429 answers as failures', async () => {
      await field.factory.user({ email: 'steady@field.test', password: 'steady-password', role: 'operator' });
      const ip = from();
      for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) await login('steady@field.test', 'guess', ip).expect(401);
      for (let i = 0; i < 3; i++) await login('steady@field.test', 'steady-password', ip).expect(200);
      await login('steady@field.test', 'guess', ip).expect(401);
      await login('steady@field.test', 'steady-password', ip).expect(429);
      await login('steady@field.test', 'steady-password', ip).expect(429);

      // When the failures age out of the 15-minute window, the account signs in again.
      const redis = new Redis(REDIS_URL);
      try {
        const keys = await redis.keys(`${field.config.queuePrefix}:login:*`);
        const old = Date.now() - 16 * 60 * 1000;
        for (const key of keys) {
          const members = await redis.zrange(key, 0, -1);
          for (const member of members) await redis.zadd(key, old, member);
        }
      } finally {
        redis.disconnect();
      }
      await login('steady@field.test', 'steady-password', ip).expect(200);
    });

    it(`blocks an address after ${ADDRESS_FAILURE_LIMIT} failures across accounts`, async () => {
      const ip = from();
      for (let i = 0; i < ADDRESS_FAILURE_LIMIT; i++) {
        await login(`spray-${i}@field.test`, 'guess', ip).expect(401);
      }
      const blocked = await login(ADMIN_EMAIL, ADMIN_PASSWORD, ip);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD, from())).status).toBe(200);
      // 52 sign-ins one after another, each an argon2 verification (unknown emails too, so that
      // timing tells nothing): about 0.2 s each on an idle core, several times that while the other
      // suites share the machine's 2 cores, which once took it past the default 30 s.
    }, 120_000);

    it('lets no more than the limit of concurrent wrong guesses through', async () => {
      await field.factory.user({ email: 'burst@field.test', password: 'burst-password', role: 'operator' });
      const answers = await Promise.all(Array.from({ length: 20 }, () => login('burst@field.test', 'guess', from())));
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(ACCOUNT_FAILURE_LIMIT);
      expect(statuses.filter((status) => status === 429)).toHaveLength(20 - ACCOUNT_FAILURE_LIMIT);
    });
  });

  describe('access tokens', () => {
    it('refuses an expired token', async () => {
      const [{ value: secret }] = await field.sql<{ value: string }>(
        "SELECT value FROM install_settings WHERE name = 'jwt_secret'",
      );
      const admin = await field.admin.get('/users/me');
      const expired = await new JwtService().signAsync(
        {
          sub: admin.body.id,
          role: 'admin',
          iat: Math.floor(Date.now() / 1000) - 7200,
          exp: Math.floor(Date.now() / 1000) - 3600,
        },
        { secret },
      );
      const response = await field.anonymous.get('/users/me').set('Authorization', `Bearer ${expired}`);
      expect(response.status).toBe(401);
    });

    it('signs with one random per-install secret kept in the database', async () => {
      const rows = await field.sql<{ value: string }>("SELECT value FROM install_settings WHERE name = 'jwt_secret'");
      expect(rows).toHaveLength(1);
      expect(rows[0].value.length).toBeGreaterThanOrEqual(43);
    });
  });

  describe('users', () => {
    it('creates a user (201) without ever answering the password', async () => {
      const response = await field.admin.post('/users', {
        email: 'Operator.One@Field.test',
        name: '操作员一',
        password: 'operator-password',
        role: 'operator',
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        email: 'operator.one@field.test',
        name: '操作员一',
        role: 'operator',
        vendorId: null,
        active: true,
        createdAt: expect.any(String),
      });
      expect(JSON.stringify(response.body)).not.toMatch(/password/i);
      const [row] = await field.sql<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [
        response.body.id,
      ]);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('answers 409 for a duplicate email, whatever its case', async () => {
      await field.factory.user({ email: 'dup@field.test', password: 'dup-password-1', role: 'engineer' });
      const response = await field.admin.post('/users', {
        email: 'DUP@field.test',
        name: 'x',
        password: 'dup-password-1',
        role: 'engineer',
      });
      expect(response.status).toBe(409);
      expect(response.body.detail).toContain('dup@field.test');
    });

    it('ties vendor users to exactly one existing vendor', async () => {
      const base = { name: 'v', password: 'vendor-password', role: 'vendor' };
      const missing = await field.admin.post('/users', { ...base, email: 'v1@field.test' });
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([{ field: 'vendorId', message: 'is required when role is vendor' }]);

      const stray = await field.admin.post('/users', {
        ...base,
        role: 'engineer',
        email: 'v2@field.test',
        vendorId: (await field.factory.vendor()).id,
      });
      expect(stray.status).toBe(400);
      expect(stray.body.errors).toEqual([{ field: 'vendorId', message: 'is only for role vendor' }]);

      const unknown = await field.admin.post('/users', {
        ...base,
        email: 'v3@field.test',
        vendorId: '01a224b4-f49a-7b96-8699-44c95c136d7a',
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors).toEqual([{ field: 'vendorId', message: 'names no vendor' }]);
    });

    it('rejects a short password and a bad email, naming them', async () => {
      const response = await field.admin.post('/users', { email: 'nope', name: 'x', password: 'short', role: 'admin' });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: 'email', message: 'must be an email address' },
        { field: 'password', message: 'must be at least 10 characters' },
      ]);
    });

    it('GET /users/me answers the signed-in user for every role', async () => {
      for (const role of ['operator', 'engineer', 'vendor'] as const) {
        const session = await field.signIn(role);
        const me = await session.get('/users/me');
        expect(me.status).toBe(200);
        expect(me.body).toMatchObject({ id: session.userId, role, vendorId: session.vendorId });
      }
    });

    it('a role change or deactivation takes effect on the very next request', async () => {
      const engineer = await field.signIn('engineer');
      await engineer.post('/cohorts', { name: 'c-role', startsOn: '2026-09-01' }).expect(403);
      await field.admin.patch(`/users/${engineer.userId}`, { role: 'operator' }).expect(200);
      await engineer.post('/cohorts', { name: 'c-role', startsOn: '2026-09-01' }).expect(201);
      await field.admin.patch(`/users/${engineer.userId}`, { active: false }).expect(200);
      await engineer.get('/users/me').expect(401);
    });

    it('resets a password', async () => {
      const user = await field.factory.user({
        email: 'reset@field.test',
        password: 'old-password-1',
        role: 'engineer',
      });
      await field.admin.patch(`/users/${user.id}`, { password: 'new-password-1' }).expect(200);
      await login('reset@field.test', 'old-password-1', from()).expect(401);
      await login('reset@field.test', 'new-password-1', from()).expect(200);
    });

    it('keeps an admin from locking themselves out', async () => {
      const me = await field.admin.get('/users/me');
      const response = await field.admin.patch(`/users/${me.body.id}`, { active: false });
      expect(response.status).toBe(422);
      await field.admin.patch(`/users/${me.body.id}`, { role: 'engineer' }).expect(422);
    });

    it('lists users by role with cursor pagination', async () => {
      const first = await field.admin.get('/users?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await field.admin.get(`/users?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.items[0].id > first.body.items[1].id).toBe(true);
      const admins = await field.admin.get('/users?role=admin');
      expect(admins.body.items.every((user: { role: string }) => user.role === 'admin')).toBe(true);
    });

    it('404 for an unknown user, 400 for an id that is not a UUID', async () => {
      expect((await field.admin.get('/users/01a224b4-f49a-7b96-8699-44c95c136d7a')).status).toBe(404);
      const bad = await field.admin.get('/users/42');
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    });
  });

  describe('the bootstrap administrator', () => {
    it('was created once from FIELD_ADMIN_EMAIL and audited', async () => {
      const rows = await field.sql<{ role: string }>('SELECT role FROM users WHERE email = $1', [ADMIN_EMAIL]);
      expect(rows).toEqual([{ role: 'admin' }]);
      const audit = await field.sql("SELECT actor_id FROM audit_log WHERE action = 'user.bootstrap_admin'");
      expect(audit).toEqual([{ actor_id: null }]);
    });

    it('is not created again, nor its password changed, when another process of the install starts', async () => {
      const secretBefore = await field.sql("SELECT value FROM install_settings WHERE name = 'jwt_secret'");
      const again = await createFieldApp({ ...field.config, adminPassword: 'a-different-password' });
      await again.init();
      await again.close();
      expect(await field.sql('SELECT id FROM users WHERE email = $1', [ADMIN_EMAIL])).toHaveLength(1);
      await login(ADMIN_EMAIL, ADMIN_PASSWORD, from()).expect(200);
      // Both processes sign with the same secret, so tokens from one are good on the other.
      expect(await field.sql("SELECT value FROM install_settings WHERE name = 'jwt_secret'")).toEqual(secretBefore);
      await field.admin.get('/users/me').expect(200);
    });
  });
});

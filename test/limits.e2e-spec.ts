import request from 'supertest';
import { ADDRESS_FAILURE_LIMIT } from '../libs/identity/src/auth/login-throttle';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { TcpProxy } from './support/tcp-proxy';
import { REDIS_URL } from './support/test-env';

const expectProblem = (response: request.Response, status: number) => {
  expect({ status: response.status, type: response.headers['content-type'] }).toMatchObject({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
};

describe('limits', () => {
  describe('verification, per address', () => {
    let field: TestApp;
    beforeAll(async () => {
      // Trusting X-Forwarded-For lets each test come from its own addresses.
      field = await startTestApp({ FIELD_TRUST_PROXY: 'true' });
    });
    afterAll(() => field?.close());

    const verify = (path: string, ip: string) =>
      request(field.app.getHttpServer()).get(path).set('X-Forwarded-For', ip).set('Accept', 'application/json');

    it('answers 60 requests a minute from one /64, API and page together, then 429 with Retry-After', async () => {
      const paths = ['/api/v1/verify/MY-2026-999999', '/verify/MY-2026-999998', '/api/v1/verify/public-key'];
      for (let i = 0; i < 60; i++) {
        const response = await verify(paths[i % 3], `2001:db8:aa:1::${(i + 1).toString(16)}`);
        expect({ i, status: response.status }).toEqual({ i, status: i % 3 === 2 ? 200 : 404 });
      }
      for (const path of [...paths, '/verify/a/b', '/api/v1/verify/x/y']) {
        const refused = await verify(path, '2001:db8:aa:1:ffff:ffff:ffff:fffe');
        expectProblem(refused, 429);
        const retryAfter = Number(refused.headers['retry-after']);
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(60);
        expect(refused.body).toMatchObject({ status: 429, detail: expect.stringMatching(/60/) });
      }
      // Another /64 and an IPv4 address still have their whole budget; the rest of the API is not limited.
      expect((await verify(paths[0], '2001:db8:aa:2::1')).status).toBe(404);
      expect((await verify(paths[0], '198.51.100.7')).status).toBe(404);
      expect(
        (await request(field.app.getHttpServer()).get('/health').set('X-Forwarded-For', '2001:db8:aa:1::1')).status,
      ).toBe(200);
    });

    it('counts an IPv4-mapped IPv6 address as its IPv4 address', async () => {
      for (let i = 0; i < 60; i++) {
        expect((await verify('/verify/MY-2026-000001', i % 2 ? '203.0.113.9' : '::ffff:203.0.113.9')).status).toBe(404);
      }
      expectProblem(await verify('/verify/MY-2026-000001', '203.0.113.9'), 429);
    });
  });

  describe('sign-in throttle by address', () => {
    let field: TestApp;
    beforeAll(async () => {
      field = await startTestApp({ FIELD_TRUST_PROXY: 'true' });
    });
    afterAll(() => field?.close());

    const login = (email: string, password: string, ip: string) =>
      field.anonymous.post('/auth/login', { email, password }).set('X-Forwarded-For', ip);

    it('counts the failures of every address in one IPv6 /64 together', async () => {
      for (let i = 0; i < ADDRESS_FAILURE_LIMIT; i++) {
        // A different account each time, so only the address limit can be reached.
        const response = await login(`guess-${i}@field.test`, 'wrong-password', `2001:db8:bb:7:${i.toString(16)}::1`);
        expect(response.status).toBe(401);
      }
      const blocked = await login(ADMIN_EMAIL, ADMIN_PASSWORD, '2001:db8:bb:7:ffff::2');
      expectProblem(blocked, 429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD, '2001:db8:bb:8::1')).status).toBe(200);
    });

    it('counts an IPv4-mapped IPv6 address as its IPv4 address', async () => {
      for (let i = 0; i < ADDRESS_FAILURE_LIMIT; i++) {
        const ip = i % 2 ? '192.0.2.77' : '::ffff:192.0.2.77';
        expect((await login(`mapped-${i}@field.test`, 'wrong-password', ip)).status).toBe(401);
      }
      expectProblem(await login(ADMIN_EMAIL, ADMIN_PASSWORD, '192.0.2.77'), 429);
    });
  });

  describe('while Redis is unreachable', () => {
    let field: TestApp;
    let redis: TcpProxy;
    beforeAll(async () => {
      redis = await TcpProxy.start(REDIS_URL);
      field = await startTestApp({ REDIS_URL: redis.route(REDIS_URL) });
    });
    afterAll(async () => {
      await redis?.restore().catch(() => undefined);
      await field?.close();
      await redis?.close();
    });

    it('sign-in and verification answer 503 problem+json with Retry-After within 10 s, and work again after', async () => {
      await redis.cut();
      for (const attempt of [
        () => field.anonymous.post('/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
        () => field.anonymous.post('/auth/login', { email: ADMIN_EMAIL, password: 'wrong-password' }),
        () => request(field.app.getHttpServer()).get('/api/v1/verify/MY-2026-000001'),
        () => request(field.app.getHttpServer()).get('/verify/MY-2026-000001').set('Accept', 'text/html'),
      ]) {
        const started = Date.now();
        const response = await attempt().timeout(15_000);
        expect(Date.now() - started).toBeLessThan(10_000);
        expectProblem(response, 503);
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
        expect(response.text).not.toMatch(/\n\s+at /);
      }
      await redis.restore();
      const deadline = Date.now() + 15_000;
      let status = 0;
      while (Date.now() < deadline && status !== 200) {
        status = (await field.anonymous.post('/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(status).toBe(200);
      expect((await request(field.app.getHttpServer()).get('/api/v1/verify/MY-2026-000001')).status).toBe(404);
    });
  });
});

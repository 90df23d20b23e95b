import { builtEntry } from './support/built';
import { runNode } from './support/child';
import { registeredRoutes } from './support/routes';
import { TcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp } from './support/test-app';
import { ADMIN_DATABASE_URL, REDIS_URL } from './support/test-env';

describe('operations', () => {
  describe('on a healthy field', () => {
    let field: TestApp;

    beforeAll(async () => {
      field = await startTestApp();
    });

    afterAll(async () => {
      await field.close();
    });

    it('GET /health answers 200 with both checks ok', async () => {
      const response = await field.anonymous.get('/health');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });
    });

    it('GET /metrics answers Prometheus text with request durations by route pattern and process metrics', async () => {
      const robot = await field.factory.robot();
      await field.admin.get(`/robots/${robot.id}`).expect(200);
      const response = await field.anonymous.get('/metrics');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.text).toMatch(
        /field_http_request_duration_seconds_bucket\{le="[\d.]+",method="GET",route="\/api\/v1\/robots\/:id",status="200"\}/,
      );
      expect(response.text).not.toContain(robot.id);
      expect(response.text).toContain('field_process_resident_memory_bytes');
      expect(response.text).toContain('field_nodejs_eventloop_lag_seconds');
    });

    it('serves the OpenAPI UI and a document covering every route with its full path', async () => {
      const ui = await field.anonymous.get('/docs');
      expect(ui.status).toBe(200);
      expect(ui.text).toContain('swagger');
      const document = await field.anonymous.get('/docs-json');
      expect(document.status).toBe(200);
      expect(document.body.openapi).toMatch(/^3\./);
      const documented = new Set<string>();
      for (const [path, operations] of Object.entries(document.body.paths as Record<string, object>)) {
        for (const method of Object.keys(operations)) {
          documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
        }
      }
      const missing = registeredRoutes(field.app)
        .map((route) => `${route.method} ${route.path}`)
        .filter((route) => route !== 'GET /metrics' && !documented.has(route));
      expect(missing).toEqual([]);
      const createRobot = document.body.paths['/api/v1/robots'].post;
      expect(createRobot.requestBody.content['application/json'].schema.properties.serialNumber).toBeDefined();
    });

    it('answers problem documents for unknown routes, malformed JSON and oversized bodies', async () => {
      const unknown = await field.admin.get('/no/such/thing');
      expect(unknown.status).toBe(404);
      expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(unknown.body).toMatchObject({
        status: 404,
        title: 'Not Found',
        detail: expect.stringContaining('/no/such/thing'),
      });

      const malformed = await field.admin.post('/sites').set('Content-Type', 'application/json').send('{"code": "A",');
      expect(malformed.status).toBe(400);
      expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);

      const huge = await field.admin.post('/sites', { code: 'X', name: 'x'.repeat(400_000), kind: 'main' });
      expect(huge.status).toBe(413);
      expect(huge.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('answers 400 (not 500) for a body that is not a JSON object', async () => {
      const array = await field.admin.post('/sites', [1, 2]);
      expect(array.status).toBe(400);
      const none = await field.admin.post('/sites');
      expect(none.status).toBe(400);
      expect(none.body.errors).toEqual([{ field: '', message: 'the body must be a JSON object' }]);
    });

    it('echoes a request id, or makes one', async () => {
      const given = await field.anonymous.get('/health').set('X-Request-Id', 'trace-42');
      expect(given.headers['x-request-id']).toBe('trace-42');
      const made = await field.anonymous.get('/health');
      expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('when a dependency goes away', () => {
    let field: TestApp;
    let postgres: TcpProxy;
    let redis: TcpProxy;

    beforeAll(async () => {
      postgres = await TcpProxy.start(ADMIN_DATABASE_URL);
      redis = await TcpProxy.start(REDIS_URL);
      field = await startTestApp({ REDIS_URL: redis.route(REDIS_URL) }, { databaseProxy: postgres });
    });

    afterAll(async () => {
      await postgres.restore().catch(() => undefined);
      await redis.restore().catch(() => undefined);
      await field.close();
      await postgres.close();
      await redis.close();
    });

    it('answers 503 naming Redis when Redis is unreachable, and 200 when it is back', async () => {
      await field.anonymous.get('/health').expect(200);
      await redis.cut();
      const down = await field.anonymous.get('/health');
      expect(down.status).toBe(503);
      expect(down.body).toEqual({ status: 'unavailable', checks: { database: 'ok', redis: 'down' } });
      await redis.restore();
      await waitFor(async () => (await field.anonymous.get('/health')).status === 200);
    });

    it('answers 503 naming the database when PostgreSQL is unreachable, and 200 when it is back', async () => {
      await postgres.cut();
      const down = await field.anonymous.get('/health');
      expect(down.status).toBe(503);
      expect(down.body.checks).toEqual({ database: 'down', redis: 'ok' });
      await postgres.restore();
      await waitFor(async () => (await field.anonymous.get('/health')).status === 200);
    });
  });

  describe('process roles and configuration', () => {
    it('a worker process answers /health and /metrics but serves no API', async () => {
      const worker = await startTestApp({ FIELD_ROLE: 'worker' }, { signIn: false });
      try {
        await worker.anonymous.get('/health').expect(200);
        await worker.anonymous.get('/metrics').expect(200);
        expect((await worker.anonymous.post('/auth/login', { email: 'a@b.cn', password: 'x' })).status).toBe(404);
        expect((await worker.anonymous.get('/docs-json')).status).toBe(404);
      } finally {
        await worker.close();
      }
    });

    it.each([
      ['FIELD_ROLE', 'scheduler'],
      ['PORT', 'eighty'],
      ['DATABASE_URL', 'mysql://localhost/field'],
      ['FIELD_QUEUE_PREFIX', 'has spaces'],
    ])('a bad %s (%s) stops the process non-zero with a message naming it', async (variable, value) => {
      const result = await runNode(builtEntry('main'), { [variable]: value });
      expect(result.code).toBe(78);
      expect(result.stderr).toMatch(new RegExp(`^  ${variable}: \\S`, 'm'));
    });
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met in time');
}

import request from 'supertest';
import { startTestApp, TestApp } from './support/test-app';

/** Bad input answers 400 (or 404) problem+json, never a 5xx or Express's HTML page. */
describe('bad input never 5xx', () => {
  let field: TestApp;
  beforeAll(async () => {
    field = await startTestApp();
  });
  afterAll(() => field?.close());

  const expectProblem = (response: request.Response, status: number) => {
    expect({ status: response.status, body: response.text }).toMatchObject({ status });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.text).not.toMatch(/\n\s+at /);
  };

  it('refuses a NUL byte in the login email and password with 400, naming the field', async () => {
    const email = await field.anonymous.post('/auth/login', { email: 'admin\u0000@field.test', password: 'x' });
    expectProblem(email, 400);
    expect(email.body.errors).toEqual([{ field: 'email', message: 'must not contain NUL characters' }]);
    expectProblem(await field.anonymous.post('/auth/login', { email: 'a@b.test', password: 'pass\u0000word' }), 400);
  });

  it('refuses NUL bytes and lone surrogates in text fields and names, at any depth', async () => {
    const nul = await field.admin.post('/sites', { code: 'S-NUL', name: 'a\u0000b', kind: 'main' });
    expectProblem(nul, 400);
    expect(nul.body.errors).toEqual([{ field: 'name', message: 'must not contain NUL characters' }]);
    // A raw body, so the lone surrogate reaches the server as the JSON escape a client would send.
    const surrogate = await request(field.app.getHttpServer())
      .post('/api/v1/sites')
      .set('Authorization', `Bearer ${field.admin.token}`)
      .set('Content-Type', 'application/json')
      .send('{"code":"S-SUR","name":"half \\ud83d","kind":"main"}');
    expectProblem(surrogate, 400);
    expect(surrogate.body.errors[0].field).toBe('name');
    const vendor = await field.factory.vendor();
    const key = await field.admin.post('/robots', {
      serialNumber: 'SN-NUL-KEY',
      name: 'r',
      vendorId: vendor.id,
      model: 'm',
      form: 'humanoid',
      domains: ['industrial_manufacturing'],
      specs: { 'payload\u0000': 1 },
    });
    expectProblem(key, 400);
    expect(await field.sql(`SELECT 1 FROM robots WHERE serial_number = 'SN-NUL-KEY'`)).toEqual([]);
  });

  it('refuses a NUL byte in a query parameter', async () => {
    expectProblem(await field.admin.get('/robots?cursor=%00abc'), 400);
  });

  it('refuses JSON nested deeper than any contract shape', async () => {
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    const response = await request(field.app.getHttpServer())
      .post('/api/v1/sites')
      .set('Authorization', `Bearer ${field.admin.token}`)
      .set('Content-Type', 'application/json')
      .send(`{"code":"S-DEEP","name":"n","kind":"main","city":${deep}}`);
    expectProblem(response, 400);
  });

  it('answers 400 for timestamps PostgreSQL cannot take (offset ±16:00 or more, year 0000)', async () => {
    const bay = await field.factory.bay();
    const robot = await field.factory.enrolledRobot();
    for (const [startsAt, endsAt] of [
      ['2026-02-15T20:20:54+21:05', '2026-02-15T23:20:54+21:05'],
      ['0000-01-01T00:00:00Z', '0000-01-01T01:00:00Z'],
    ]) {
      const response = await field.admin.post('/sessions', {
        bayId: bay.id,
        robotIds: [robot.id],
        kind: 'training',
        startsAt,
        endsAt,
      });
      expectProblem(response, 400);
      expect(response.body.errors[0].field).toBe('startsAt');
    }
    expectProblem(await field.admin.get('/audit?from=2026-02-15T20:20:54%2B21:05'), 400);
    // +15:59 is the largest offset PostgreSQL takes, so it still works.
    expect((await field.admin.get('/audit?from=2026-02-15T20:20:54%2B15:59')).status).toBe(200);
  });

  it('answers problem+json 431 for a request line or headers too large for the HTTP parser', async () => {
    const response = await fetch(`${field.url}/api/v1/robots?cursor=${'x'.repeat(20_000)}`);
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.json()).toMatchObject({ status: 431, detail: expect.any(String) });
  });

  it('answers problem+json 404 for unknown routes under /api/v1 and /verify, not an HTML page', async () => {
    const server = field.app.getHttpServer();
    for (const path of ['/verify/a/b', '/verify', '/verify/', '/api/v1/no-such-thing', '/api/v1/verify/a/b', '/api']) {
      const response = await request(server).get(path);
      expectProblem(response, 404);
      expect(response.text).not.toMatch(/<html|<!DOCTYPE/i);
    }
    expectProblem(await request(server).post('/verify/a/b').send({}), 404);
  });

  it('answers malformed paths on server routes with a 4xx problem document, never a 5xx', async () => {
    const server = field.app.getHttpServer();
    for (const path of ['/assets/%00.js', '/verify/%FF', '/api/v1/robots/%E0%A4%A', '/docs/%']) {
      const response = await request(server).get(path);
      expect({ path, status: response.status }).toEqual({ path, status: expect.any(Number) });
      expect([path, response.status >= 400 && response.status < 500]).toEqual([path, true]);
      expectProblem(response, response.status);
    }
    // Any other path is the dashboard's to route (it shows its own "not found").
    const page = await request(server).get('/%E0%A4%A');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
  });
});

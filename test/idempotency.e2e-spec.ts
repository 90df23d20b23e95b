import { Client } from 'pg';
import request from 'supertest';
import { graduateThroughTheField } from './support/graduate';
import { waitFor } from './support/sockets';
import { Api, startTestApp, TestApp } from './support/test-app';
import { databaseUrl } from './support/test-env';

type Body = Record<string, unknown>;

describe('Idempotency-Key', () => {
  let field: TestApp;
  let operator: Api;
  let keys = 0;
  const newKey = () => `key-${Date.now()}-${++keys}`;

  beforeAll(async () => {
    field = await startTestApp({ FIELD_SUMMARY_DELAY_MS: '0' });
    operator = await field.signIn('operator');
  });

  afterAll(async () => {
    await field.close();
  });

  const booking = async (): Promise<Body> => {
    const bay = await field.factory.bay();
    const robot = await field.factory.enrolledRobot();
    const startsAt = Date.parse('2026-09-01T08:00:00Z') + ++keys * 3_600_000;
    return {
      bayId: bay.id,
      robotIds: [robot.id],
      kind: 'training',
      taskKeys: ['pick_place'],
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 1_800_000).toISOString(),
    };
  };

  const sessionsOfBay = async (bayId: unknown) =>
    (await field.sql<{ n: number }>('SELECT count(*)::int AS n FROM training_sessions WHERE bay_id = $1', [bayId]))[0]
      .n;

  it('answers a repeat of a booking with the first answer, byte for byte, and books once', async () => {
    const body = await booking();
    const key = newKey();
    const first = await operator.post('/sessions', body).set('Idempotency-Key', key);
    expect(first.status).toBe(201);
    const again = await operator.post('/sessions', { ...body }).set('Idempotency-Key', key);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await sessionsOfBay(body.bayId)).toBe(1);

    // Without a key the same booking runs again, and meets the first.
    const unkeyed = await operator.post('/sessions', body);
    expect(unkeyed.status).toBe(409);
  });

  it('judges the body by its content, not by its key order', async () => {
    const body = await booking();
    const key = newKey();
    const first = await operator.post('/sessions', body).set('Idempotency-Key', key);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await operator.post('/sessions', reordered).set('Idempotency-Key', key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
  });

  it('refuses the same key with another body (422) and changes nothing', async () => {
    const body = await booking();
    const key = newKey();
    expect((await operator.post('/sessions', body).set('Idempotency-Key', key)).status).toBe(201);
    const other = await operator.post('/sessions', { ...body, taskKeys: ['navigate'] }).set('Idempotency-Key', key);
    expect(other.status).toBe(422);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(other.body.detail).toMatch(/Idempotency-Key/);
    expect(await sessionsOfBay(body.bayId)).toBe(1);
  });

  it('scopes keys to the user', async () => {
    const other = await field.signIn('operator');
    const key = newKey();
    const mine = await booking();
    const theirs = await booking();
    expect((await operator.post('/sessions', mine).set('Idempotency-Key', key)).status).toBe(201);
    const answer = await other.post('/sessions', theirs).set('Idempotency-Key', key);
    expect(answer.status).toBe(201);
    expect(answer.headers['idempotent-replayed']).toBeUndefined();
    expect(await sessionsOfBay(theirs.bayId)).toBe(1);
  });

  it.each([
    ['empty', ''],
    ['longer than 255 characters', 'k'.repeat(256)],
    ['holding a tab', 'a\tb'],
  ])('refuses a key that is %s with 400 and does nothing', async (_label, key) => {
    const body = await booking();
    const answer = await operator.post('/sessions', body).set('Idempotency-Key', key);
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    expect(await sessionsOfBay(body.bayId)).toBe(0);
  });

  it('replays a final 4xx answer even once the request would now succeed', async () => {
    const robot = await field.factory.robot();
    const key = newKey();
    const ask = () =>
      operator.post(`/robots/${robot.id}/evaluations`, { stage: 'graduation' }).set('Idempotency-Key', key);
    const refused = await ask();
    expect(refused.status).toBe(409);
    const admitted = await field.admin.post(`/robots/${robot.id}/admission-decision`, {
      decision: 'admit',
      reason: 'admitted for the test',
    });
    expect(admitted.status).toBe(200);
    const again = await ask();
    expect(again.status).toBe(409);
    expect(again.text).toBe(refused.text);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await field.sql('SELECT id FROM evaluations WHERE robot_id = $1', [robot.id])).toHaveLength(0);
    // A new key is a new request.
    const fresh = await operator
      .post(`/robots/${robot.id}/evaluations`, { stage: 'graduation' })
      .set('Idempotency-Key', newKey());
    expect(fresh.status).toBe(202);
  });

  it('answers 409 with Retry-After to a repeat while the first is in flight, then the first answer', async () => {
    const robot = await field.factory.robot();
    const key = newKey();
    const [{ database }] = await field.sql<{ database: string }>('SELECT current_database() AS database');
    const blocker = new Client({ connectionString: databaseUrl(database) });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE evaluations IN EXCLUSIVE MODE');
      const firstAnswer = operator
        .post(`/robots/${robot.id}/evaluations`, { stage: 'admission' })
        .set('Idempotency-Key', key)
        .then((response) => response);
      await waitFor(
        async () =>
          (await field.sql('SELECT 1 FROM idempotency_keys WHERE key = $1 AND status IS NULL', [key])).length === 1,
        10_000,
        'the first request to hold its key',
      );
      const during = await operator
        .post(`/robots/${robot.id}/evaluations`, { stage: 'admission' })
        .set('Idempotency-Key', key);
      expect(during.status).toBe(409);
      expect(during.headers['retry-after']).toBe('1');
      expect(during.headers['content-type']).toMatch(/^application\/problem\+json/);
      await blocker.query('COMMIT');
      const first = await firstAnswer;
      expect(first.status).toBe(202);
      const after = await operator
        .post(`/robots/${robot.id}/evaluations`, { stage: 'admission' })
        .set('Idempotency-Key', key);
      expect(after.status).toBe(202);
      expect(after.body).toEqual(first.body);
      const evaluations = await field.sql('SELECT id FROM evaluations WHERE robot_id = $1', [robot.id]);
      expect(evaluations).toHaveLength(1);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
  });

  it('runs an expired key afresh', async () => {
    const body = await booking();
    const key = newKey();
    const first = await operator.post('/sessions', body).set('Idempotency-Key', key);
    expect(first.status).toBe(201);
    await field.sql(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`, [key]);
    const later = await operator.post('/sessions', body).set('Idempotency-Key', key);
    expect(later.status).toBe(409);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
  });

  it('issues one graduation report for a repeated issue', async () => {
    const robot = await field.factory.enrolledRobot();
    const { evaluation } = await graduateThroughTheField(field, operator, robot, {
      successes: 9,
      failures: 1,
      passRate: 0.5,
    });
    const key = newKey();
    const issue = () =>
      field.admin
        .post(`/robots/${robot.id}/graduation-reports`, { evaluationId: evaluation.id })
        .set('Idempotency-Key', key);
    const first = await issue();
    expect(first.status).toBe(201);
    const again = await issue();
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    const reports = await field.sql('SELECT id FROM graduation_reports WHERE robot_id = $1', [robot.id]);
    expect(reports).toHaveLength(1);
  });

  it('is documented on every operation that takes it', async () => {
    const { body: document } = await request(field.app.getHttpServer()).get('/docs-json');
    for (const path of [
      '/api/v1/sessions',
      '/api/v1/robots/{id}/evaluations',
      '/api/v1/robots/{id}/graduation-reports',
    ]) {
      const operation = document.paths[path].post;
      expect(operation.parameters).toContainEqual(
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
      );
      expect(operation.responses['409'].description).toMatch(/Idempotency-Key/);
      expect(operation.responses['422'].description).toMatch(/Idempotency-Key/);
    }
  });
});

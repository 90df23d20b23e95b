import type { Evaluation } from '@app/contract';
import { graduateThroughTheField } from './support/graduate';
import { waitFor } from './support/sockets';
import { TcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp } from './support/test-app';
import { REDIS_URL } from './support/test-env';

/** What the contract promises a client during an outage: an answer within 10 s. */
const PROMISED_MS = 10_000;

async function timed<T>(run: () => PromiseLike<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await run();
  return { result, ms: Date.now() - started };
}

describe('while Redis is away', () => {
  let field: TestApp;
  let redis: TcpProxy;

  beforeAll(async () => {
    redis = await TcpProxy.start(REDIS_URL);
    field = await startTestApp({ REDIS_URL: redis.route(REDIS_URL), FIELD_SUMMARY_DELAY_MS: '0' });
  });

  afterAll(async () => {
    await redis.restore().catch(() => undefined);
    await field.close();
    await redis.close();
  });

  it('producers answer in bounded time, refuse what they cannot run, and resume by themselves', async () => {
    const operator = await field.signIn('operator');
    const graduate = await field.factory.enrolledRobot();
    const { evaluation: passed } = await graduateThroughTheField(field, operator, graduate, {
      successes: 9,
      failures: 1,
      passRate: 0.5,
    });
    const applicant = await field.factory.robot();

    await redis.cut();
    try {
      const { result: refused, ms } = await timed(() =>
        operator.post(`/robots/${applicant.id}/evaluations`, { stage: 'admission' }),
      );
      expect(refused.status).toBe(503);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(ms).toBeLessThan(PROMISED_MS);
      // Refused before anything was recorded, so a retry cannot make a second one.
      expect(await field.sql('SELECT id FROM evaluations WHERE robot_id = $1', [applicant.id])).toHaveLength(0);

      // Reports do not need Redis: their PDF is drawn on download when no job drew it before.
      const issued = await timed(() =>
        field.admin.post(`/robots/${graduate.id}/graduation-reports`, { evaluationId: passed.id }),
      );
      expect(issued.result.status).toBe(201);
      expect(issued.ms).toBeLessThan(PROMISED_MS);
      const revoked = await timed(() =>
        field.admin.post(`/graduation-reports/${issued.result.body.id}/revoke`, { reason: 'outage drill' }),
      );
      expect(revoked.result.status).toBe(200);
      expect(revoked.ms).toBeLessThan(PROMISED_MS);
      const pdf = await field.admin.get(`/graduation-reports/${issued.result.body.id}/pdf`);
      expect(pdf.status).toBe(200);

      const metrics = await timed(() => field.anonymous.get('/metrics'));
      expect(metrics.ms).toBeLessThan(PROMISED_MS);
    } finally {
      await redis.restore();
    }

    let queued: Evaluation | null = null;
    await waitFor(
      async () => {
        const answer = await operator.post(`/robots/${applicant.id}/evaluations`, { stage: 'admission' });
        if (answer.status === 202) queued = answer.body as Evaluation;
        return queued !== null;
      },
      30_000,
      'evaluations to be accepted again',
    );
    const id = (queued as unknown as Evaluation).id;
    await waitFor(
      async () => ((await field.admin.get(`/evaluations/${id}`)).body as Evaluation).status === 'completed',
      30_000,
      'the evaluation asked after the outage to complete',
    );
  });
});

import type { Evaluation, TelemetryAck } from '@app/contract';
import { randomBytes } from 'node:crypto';
import { graduateThroughTheField } from './support/graduate';
import { connect, emitWithAck, sleep, waitFor } from './support/sockets';
import { TcpProxy } from './support/tcp-proxy';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { ADMIN_DATABASE_URL, REDIS_URL } from './support/test-env';

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

      // The sign-in throttle lives in Redis: without it, sign-in is unavailable, not broken.
      const signIn = await timed(() =>
        field.anonymous.post('/auth/login', { email: 'admin@field.test', password: 'admin-password-for-tests' }),
      );
      expect(signIn.result.status).toBe(503);
      expect(signIn.result.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(signIn.result.headers['retry-after']).toBeDefined();
      expect(signIn.ms).toBeLessThan(PROMISED_MS);
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

/** A batch of telemetry that does not compress: its bytes stay its bytes in the backlog. */
export function incompressibleBatch(seq: number, kib: number) {
  const samples = Array.from({ length: Math.ceil(kib / 4) }, (_, i) => ({
    ts: Date.now() - 1_000 + i,
    channel: 'camera_meta',
    data: { noise: randomBytes(3_000).toString('base64') },
  }));
  return { seq, samples };
}

describe('after a Redis outage of several seconds', () => {
  it('the field shuts down promptly, without waiting out a reconnect backoff', async () => {
    const redis = await TcpProxy.start(REDIS_URL);
    const field = await startTestApp({ REDIS_URL: redis.route(REDIS_URL) });
    let closed = false;
    try {
      await redis.cut();
      // Long enough for BullMQ's own reconnect backoff (e^attempt seconds, up to 20 s) to reach 20 s.
      await sleep(12_000);
      await redis.restore();
      await waitFor(
        async () => (await field.anonymous.post('/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).ok,
        PROMISED_MS,
        'sign-in to work again',
      );
      const { ms } = await timed(() => field.close());
      closed = true;
      expect(ms).toBeLessThan(PROMISED_MS);
    } finally {
      if (!closed) await field.close();
      await redis.close();
    }
  }, 60_000);
});

describe('while PostgreSQL is away', () => {
  const MIB = 1024 * 1024;
  let field: TestApp;
  let postgres: TcpProxy;

  beforeAll(async () => {
    postgres = await TcpProxy.start(ADMIN_DATABASE_URL);
    field = await startTestApp(
      { FIELD_INGEST_BACKLOG_ROBOT_BYTES: String(MIB), FIELD_INGEST_BACKLOG_BYTES: String(1.5 * MIB) },
      { databaseProxy: postgres },
    );
  });

  afterAll(async () => {
    await postgres.restore().catch(() => undefined);
    await field.close();
    await postgres.close();
  });

  const robotSocket = async () => {
    const robot = await field.factory.enrolledRobot();
    const { body } = await field.admin.post(`/robots/${robot.id}/device-token`);
    return { robot, socket: await connect(field.url, '/robot', body.token as string) };
  };

  it('bounds the ingest backlog in bytes, per robot and in all, and loses nothing it acknowledged', async () => {
    const a = await robotSocket();
    const b = await robotSocket();
    const c = await robotSocket();
    try {
      await postgres.cut();
      const acks = new Map<number, TelemetryAck>();
      // About 75 KiB a batch once encoded: the robot's bound of 1 MiB holds some thirteen of them.
      const sent = Array.from({ length: 30 }, (_, seq) =>
        emitWithAck<TelemetryAck>(a.socket, 'telemetry', incompressibleBatch(seq, 100), 60_000).then((ack) => {
          acks.set(seq, ack);
        }),
      );
      await waitFor(() => acks.size >= 15, 10_000, 'the batches past the robot’s bound to be refused');
      const refused = [...acks].filter(([, ack]) => !ack.ok).map(([seq]) => seq);
      expect(refused.length).toBeGreaterThanOrEqual(15);
      for (const seq of refused) {
        expect(acks.get(seq)).toEqual({ ok: false, error: { code: 'unavailable', message: expect.any(String) } });
      }

      // Another robot still has room, until the field's bound of 1.5 MiB is reached.
      const fromB = Array.from({ length: 20 }, (_, seq) =>
        emitWithAck<TelemetryAck>(b.socket, 'telemetry', incompressibleBatch(seq, 100), 60_000),
      );
      await sleep(1_000);
      const fromC = await emitWithAck<TelemetryAck>(c.socket, 'telemetry', incompressibleBatch(0, 100), 60_000);
      expect(fromC).toMatchObject({ ok: false, error: { code: 'unavailable' } });

      await postgres.restore();
      await Promise.all(sent);
      const acksOfB = await Promise.all(fromB);
      const storedByB = acksOfB.filter((ack) => ack.ok).length;
      expect(storedByB).toBeGreaterThan(0);
      expect(storedByB).toBeLessThan(20);
      const accepted = [...acks].filter(([, ack]) => ack.ok).map(([seq]) => seq);
      expect(accepted.length).toBeGreaterThan(0);
      expect(accepted.length + refused.length).toBe(30);

      // What was refused is resent and stored; what was acknowledged is there, once.
      for (const seq of refused) {
        expect(await emitWithAck<TelemetryAck>(a.socket, 'telemetry', incompressibleBatch(seq, 100))).toMatchObject({
          ok: true,
          duplicate: false,
        });
      }
      const [{ batches }] = await field.sql<{ batches: number }>(
        'SELECT count(DISTINCT seq)::int AS batches FROM telemetry_batches WHERE robot_id = $1',
        [a.robot.id],
      );
      expect(batches).toBe(30);
    } finally {
      for (const { socket } of [a, b, c]) socket.close();
    }
  });
});

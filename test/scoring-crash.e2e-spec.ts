import type { Evaluation } from '@app/contract';
import { Client } from 'pg';
import { FieldChild, startFieldProcess } from './support/field-process';
import { waitFor } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';
import { REDIS_URL } from './support/test-env';

/** Specs that pass the default admission standard of commerce, culture & tourism. */
const ADMISSIBLE = {
  estop: true,
  safetyCertified: true,
  telemetryInterface: true,
  batteryHours: 8,
  payloadKg: 3,
  dof: 12,
  mtbfHours: 2000,
};

describe('scoring jobs when a worker dies', () => {
  let field: TestApp;
  const workers: FieldChild[] = [];

  // An API-only field; the scoring jobs run in separate worker processes that share its database and Redis prefix.
  beforeAll(async () => {
    field = await startTestApp({ FIELD_ROLE: 'api' });
  });

  afterAll(async () => {
    for (const worker of workers) await worker.stop('SIGKILL');
    await field.close();
  });

  const startWorker = async () => {
    const worker = await startFieldProcess({
      DATABASE_URL: field.config.databaseUrl,
      REDIS_URL,
      FIELD_QUEUE_PREFIX: field.config.queuePrefix,
      FIELD_ROLE: 'worker',
      FIELD_WORKER_QUEUES: 'scoring',
      // A dead worker's job is taken for stalled within seconds rather than a minute.
      FIELD_JOB_LOCK_MS: '2000',
    });
    workers.push(worker);
    return worker;
  };

  it('retries an evaluation killed mid-transaction on another worker, leaving exactly one result', async () => {
    const robot = await field.factory.robot({ specs: ADMISSIBLE });
    // Hold the robot's row: the worker writes the result, then waits here to move the robot. (NO KEY: the
    // evaluation's foreign key to the robot still gets through.)
    const blocker = new Client({ connectionString: field.config.databaseUrl });
    blocker.on('error', () => undefined);
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM robots WHERE id = $1 FOR NO KEY UPDATE', [robot.id]);

      const first = await startWorker();
      const asked = await field.admin.post(`/robots/${robot.id}/evaluations`, { stage: 'admission' });
      expect(asked.status).toBe(202);
      const id = (asked.body as Evaluation).id;
      const databaseName = new URL(field.config.databaseUrl).pathname.slice(1);
      await waitFor(
        async () => {
          const waiting = await field.sql<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = $1 AND application_name = 'field-worker' AND wait_event_type = 'Lock'`,
            [databaseName],
          );
          return waiting[0].n > 0;
        },
        20_000,
        'the worker to block inside its transaction',
      );

      await first.stop('SIGKILL');
      await blocker.query('COMMIT');
      // Nothing of the killed run's transaction survived.
      const afterKill = (await field.admin.get(`/evaluations/${id}`)).body as Evaluation;
      expect(afterKill).toMatchObject({ status: 'running', attempts: 1, score: null, results: [] });
      expect((await field.admin.get(`/robots/${robot.id}`)).body.status).toBe('applied');

      await startWorker();
      let evaluation = afterKill;
      await waitFor(
        async () => {
          evaluation = (await field.admin.get(`/evaluations/${id}`)).body as Evaluation;
          return evaluation.status === 'completed';
        },
        30_000,
        'the evaluation to complete on the second worker',
      );
      expect(evaluation).toMatchObject({ status: 'completed', passed: true, score: 100, attempts: 2 });
      expect((await field.admin.get(`/robots/${robot.id}`)).body.status).toBe('enrolled');
      const transitions = await field.sql(
        `SELECT from_status, to_status FROM robot_status_changes WHERE robot_id = $1 AND from_status IS NOT NULL`,
        [robot.id],
      );
      expect(transitions).toEqual([{ from_status: 'applied', to_status: 'enrolled' }]);
      const results = await field.sql(
        `SELECT action FROM audit_log WHERE entity = 'evaluation' AND entity_id = $1 ORDER BY id`,
        [id],
      );
      expect(results).toEqual([{ action: 'evaluation.request' }, { action: 'evaluation.complete' }]);
    } finally {
      await blocker.end();
    }
  }, 60_000);
});

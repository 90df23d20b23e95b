import type { TelemetryAck } from '@app/contract';
import { Client } from 'pg';
import { JobsService } from '@app/platform';
import { MAINTAIN_PARTITIONS } from '@app/telemetry';
import { connect, emitWithAck, waitFor } from './support/sockets';
import { TcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp } from './support/test-app';
import { ADMIN_DATABASE_URL, databaseUrl } from './support/test-env';

/** A field whose connections to PostgreSQL pass through a proxy the tests can cut, for one describe. */
function fieldBehindProxy(): { field: TestApp; postgres: TcpProxy } {
  const context = {} as { field: TestApp; postgres: TcpProxy };
  beforeAll(async () => {
    context.postgres = await TcpProxy.start(ADMIN_DATABASE_URL);
    context.field = await startTestApp({}, { databaseProxy: context.postgres });
  });
  afterAll(async () => {
    await context.postgres.restore().catch(() => undefined);
    await context.field.close();
    await context.postgres.close();
  });
  return context;
}

/** An enrolled robot and its socket on /robot. */
async function connectedRobot(field: TestApp) {
  const robot = await field.factory.enrolledRobot();
  const { body } = await field.admin.post(`/robots/${robot.id}/device-token`);
  return { robot, socket: await connect(field.url, '/robot', body.token as string) };
}

describe('telemetry resilience', () => {
  describe('when PostgreSQL becomes unreachable mid-stream', () => {
    const behind = fieldBehindProxy();

    it('holds acknowledgements back, loses nothing acknowledged, and resumes by itself', async () => {
      const { field, postgres } = behind;
      const { robot, socket } = await connectedRobot(field);
      try {
        const acked: number[] = [];
        const latencies: number[] = [];
        let outageStarted = 0;
        const sendAll = (async () => {
          for (let seq = 0; seq < 60; seq++) {
            const began = Date.now();
            const ack = await emitWithAck<TelemetryAck>(
              socket,
              'telemetry',
              {
                seq,
                samples: Array.from({ length: 10 }, (_, i) => ({
                  ts: Date.now() - 1000 + i,
                  channel: 'heartbeat',
                  data: {},
                })),
              },
              60_000,
            );
            expect(ack).toMatchObject({ ok: true, seq, duplicate: false, stored: 10 });
            acked.push(seq);
            latencies.push(Date.now() - began);
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        })();
        await waitFor(() => acked.length >= 15);
        await postgres.cut();
        outageStarted = Date.now();
        const ackedAtCut = acked.length;
        await new Promise((resolve) => setTimeout(resolve, 3000));
        // While the database is away, at most the batch in flight got through.
        expect(acked.length - ackedAtCut).toBeLessThanOrEqual(1);
        await postgres.restore();
        await sendAll;
        expect(Date.now() - outageStarted).toBeGreaterThanOrEqual(3000);
        expect(Math.max(...latencies)).toBeGreaterThanOrEqual(2000);

        const [{ batches, samples, distinct }] = await field.sql<{
          batches: number;
          samples: number;
          distinct: number;
        }>(
          `SELECT count(*)::int AS batches, sum(sample_count)::int AS samples, count(DISTINCT seq)::int AS distinct
             FROM telemetry_batches WHERE robot_id = $1`,
          [robot.id],
        );
        expect({ batches, samples, distinct }).toEqual({ batches: 60, samples: 600, distinct: 60 });
        const [{ stored }] = await field.sql<{ stored: number }>(
          'SELECT sum(sample_count)::int AS stored FROM telemetry_packets WHERE robot_id = $1',
          [robot.id],
        );
        expect(stored).toBe(600);
      } finally {
        socket.close();
      }
    });
  });

  describe('when a flush commits but its answer is lost', () => {
    const behind = fieldBehindProxy();

    it('acknowledges the batch as stored once, not as a duplicate of itself', async () => {
      const { field, postgres } = behind;
      const { robot, socket } = await connectedRobot(field);
      // Straight to PostgreSQL, since the field's own connections are about to go deaf.
      const [{ database }] = await field.sql<{ database: string }>('SELECT current_database() AS database');
      const direct = new Client({ connectionString: databaseUrl(database) });
      await direct.connect();
      try {
        const batch = (seq: number) => ({
          seq,
          samples: Array.from({ length: 10 }, (_, i) => ({
            ts: Date.now() - 1000 + i,
            channel: 'heartbeat',
            data: {},
          })),
        });
        expect(await emitWithAck<TelemetryAck>(socket, 'telemetry', batch(0))).toMatchObject({ ok: true, stored: 10 });

        postgres.muteReplies();
        const answer = emitWithAck<TelemetryAck>(socket, 'telemetry', batch(1), 60_000);
        const committed = async () =>
          (
            await direct.query<{ n: number }>('SELECT count(*)::int AS n FROM telemetry_batches WHERE robot_id = $1', [
              robot.id,
            ])
          ).rows[0].n === 2;
        await waitFor(committed);
        await postgres.cut();
        await new Promise((resolve) => setTimeout(resolve, 500));
        await postgres.restore();

        expect(await answer).toEqual({ ok: true, seq: 1, stored: 10, duplicate: false });
        const { rows } = await direct.query<{ batches: number; samples: number }>(
          `SELECT (SELECT count(*)::int FROM telemetry_batches WHERE robot_id = $1) AS batches,
                  (SELECT sum(sample_count)::int FROM telemetry_packets WHERE robot_id = $1) AS samples`,
          [robot.id],
        );
        expect(rows[0]).toEqual({ batches: 2, samples: 20 });
        // A real resend of the same batch is still a duplicate.
        expect(await emitWithAck<TelemetryAck>(socket, 'telemetry', batch(1))).toMatchObject({
          ok: true,
          duplicate: true,
          stored: 0,
        });
      } finally {
        socket.close();
        await direct.end();
      }
    });
  });

  describe('partition upkeep', () => {
    let field: TestApp;

    beforeAll(async () => {
      field = await startTestApp({ FIELD_TELEMETRY_RETENTION_DAYS: '3' });
    });

    afterAll(async () => {
      await field.close();
    });

    const partitions = async () =>
      (
        await field.sql<{ name: string }>(
          `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'telemetry_packets' ORDER BY 1`,
        )
      ).map((row) => row.name);

    it('a worker job creates the coming days and drops days past the retention', async () => {
      await field.sql(`SELECT telemetry_ensure_partitions((now() AT TIME ZONE 'UTC')::date - 10, 2)`);
      const day = (offset: number) => {
        const date = new Date(Date.now() + offset * 86_400_000);
        return `telemetry_packets_p${date.toISOString().slice(0, 10).replace(/-/g, '')}`;
      };
      expect(await partitions()).toContain(day(-10));

      await field.app.get(JobsService).enqueue(MAINTAIN_PARTITIONS, {}, { jobId: `maintain-${Date.now()}` });
      await waitFor(async () => !(await partitions()).includes(day(-10)), 15_000, 'the old partition to be dropped');
      const names = await partitions();
      expect(names).toContain(day(6));
      expect(names).toContain('telemetry_packets_default');
      expect(names).not.toContain(day(-9));
    });
  });
});

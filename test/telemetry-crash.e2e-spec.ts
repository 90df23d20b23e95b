import { startSimulator } from '../apps/robot-sim/src/simulator';
import { FieldChild, startFieldProcess } from './support/field-process';
import { sleep, waitFor } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';
import { storedBatchesOf } from './support/stored-telemetry';

/**
 * The simulator streams while the server process it talks to is killed (SIGKILL, no goodbye) and
 * started again: afterwards every generated sample is stored exactly once.
 */
describe('telemetry across a server crash', () => {
  let field: TestApp;
  let server: FieldChild | null = null;

  beforeAll(async () => {
    field = await startTestApp();
  });

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await field.close();
  });

  it('loses nothing and doubles nothing', async () => {
    const env = {
      DATABASE_URL: field.config.databaseUrl,
      REDIS_URL: field.config.redisUrl,
      FIELD_QUEUE_PREFIX: field.config.queuePrefix,
      FIELD_ROLE: 'api',
    };
    const robots = [];
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) {
      const robot = await field.factory.enrolledRobot();
      robots.push(robot.id as string);
      tokens.push((await field.admin.post(`/robots/${robot.id}/device-token`)).body.token as string);
    }
    server = await startFieldProcess(env);
    const port = Number(new URL(server.url).port);

    let acknowledged = 0;
    const run = startSimulator({
      url: server.url,
      tokens,
      hz: 50,
      batchSize: 25,
      durationMs: 7_000,
      seed: 'crash-test',
      reconnectDelayMs: 100,
      reconnectDelayMaxMs: 500,
      ackTimeoutMs: 3_000,
      drainTimeoutMs: 20_000,
      onProgress: (report) => (acknowledged = report.samples.acknowledged),
      progressIntervalMs: 200,
    });
    await waitFor(() => acknowledged > 500, 15_000, 'the first acknowledgements');
    await server.stop('SIGKILL');
    await sleep(1_000);
    server = await startFieldProcess(env, { port });
    const report = await run;

    expect(report.reconnects).toBeGreaterThanOrEqual(tokens.length);
    expect(report.complete).toBe(true);
    expect(report.samples.generated).toBeGreaterThan(1_000);
    expect(report.samples.acknowledged).toBe(report.samples.generated);

    const stored = await storedBatchesOf(field, robots);
    expect(stored.batches).toBe(stored.distinct);
    expect(stored.samples).toBe(report.samples.generated);
    const [packets] = await field.sql<{ samples: number }>(
      'SELECT coalesce(sum(sample_count), 0)::int AS samples FROM telemetry_packets WHERE robot_id = ANY($1::uuid[])',
      [robots],
    );
    expect(packets.samples).toBe(report.samples.generated);
  });
});

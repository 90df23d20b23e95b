import type { WatchAck } from '@app/contract';
import { readFileSync } from 'node:fs';
import type { Socket } from 'socket.io-client';
import { startSimulator, SimulatorReport } from '../apps/robot-sim/src/simulator';
import { FieldChild, startFieldProcess } from './support/field-process';
import { connect, emitWithAck, sleep, waitFor } from './support/sockets';
import { TcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp } from './support/test-app';
import { ADMIN_DATABASE_URL, REDIS_URL } from './support/test-env';
import { storedBatchesOf } from './support/stored-telemetry';

const MIB = 1024 * 1024;
const BACKLOG_BYTES = 4 * MIB;
const ROBOT_BACKLOG_BYTES = MIB;
const OUTAGE_MS = 60_000;
/**
 * Generous: the backlog's bytes many times over for the objects around them, two semi-spaces of the
 * young generation (the field runs with --max-semi-space-size=64), and slack for the rest. Without
 * a bound in bytes the backlog grows with the outage instead.
 */
const RSS_HEADROOM = 16 * BACKLOG_BYTES + 128 * MIB + 64 * MIB;

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024;
}

async function timedFetch(url: string, init: RequestInit): Promise<{ status: number; ms: number; body: string }> {
  const started = Date.now();
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const body = await response.text();
  return { status: response.status, ms: Date.now() - started, body };
}

/**
 * A field process (role all) reaches PostgreSQL and Redis through proxies the test cuts, while
 * robots stream, watchers subscribe and producers are called: it never ends, never answers past
 * 10 s, keeps its memory bounded through a 60 s PostgreSQL outage, and stores every acknowledged
 * sample once the database returns.
 */
describe('a field process through Redis and PostgreSQL outages', () => {
  let field: TestApp;
  let server: FieldChild | null = null;
  let postgres: TcpProxy;
  let redis: TcpProxy;
  const watchers: Socket[] = [];
  const stop = new AbortController();

  beforeAll(async () => {
    field = await startTestApp({ FIELD_SUMMARY_DELAY_MS: '0' });
    postgres = await TcpProxy.start(ADMIN_DATABASE_URL);
    redis = await TcpProxy.start(REDIS_URL);
  });

  afterAll(async () => {
    stop.abort();
    for (const socket of watchers) socket.close();
    await server?.stop('SIGKILL');
    await postgres.restore().catch(() => undefined);
    await redis.restore().catch(() => undefined);
    await postgres.close();
    await redis.close();
    await field.close();
  });

  it('stays up, answers in bounded time, bounds its memory and loses nothing acknowledged', async () => {
    const robots: string[] = [];
    const tokens: string[] = [];
    for (let i = 0; i < 4; i++) {
      const robot = await field.factory.enrolledRobot();
      robots.push(robot.id as string);
      tokens.push((await field.admin.post(`/robots/${robot.id}/device-token`)).body.token as string);
    }
    const applicant = await field.factory.robot();
    const bay = await field.factory.bay({ capacity: 4 });
    const { body: session } = await field.admin.post('/sessions', {
      bayId: bay.id,
      robotIds: robots,
      kind: 'training',
      taskKeys: ['pick_place'],
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect((await field.admin.post(`/sessions/${session.id}/start`)).status).toBe(200);

    server = await startFieldProcess(
      {
        DATABASE_URL: postgres.route(field.config.databaseUrl),
        REDIS_URL: redis.route(field.config.redisUrl),
        FIELD_QUEUE_PREFIX: field.config.queuePrefix,
        FIELD_ROLE: 'all',
        FIELD_INGEST_BACKLOG_BYTES: String(BACKLOG_BYTES),
        FIELD_INGEST_BACKLOG_ROBOT_BYTES: String(ROBOT_BACKLOG_BYTES),
      },
      { captureOutput: true },
    );
    const child = server;
    const pid = child.process.pid as number;
    const headers = { Authorization: `Bearer ${field.admin.token}`, 'Content-Type': 'application/json' };
    const requestEvaluation = () =>
      timedFetch(`${child.url}/api/v1/robots/${applicant.id}/evaluations`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ stage: 'admission' }),
      });
    const watcher = await connect(child.url, '/watch', field.admin.token as string);
    watchers.push(watcher);
    const watch = (robotId: string) => emitWithAck<WatchAck>(watcher, 'subscribe', { robotId }, 15_000);
    expect(await watch(robots[0])).toEqual({ ok: true });

    let acknowledged = 0;
    const run: Promise<SimulatorReport> = startSimulator({
      url: child.url,
      tokens,
      hz: 400,
      batchSize: 40,
      seed: 'outage-test',
      signal: stop.signal,
      bufferCapacity: 100_000,
      maxInFlight: 1_000,
      ackTimeoutMs: OUTAGE_MS + 30_000,
      drainTimeoutMs: 60_000,
      retryBaseMs: 250,
      retryMaxMs: 2_000,
      onProgress: (report) => (acknowledged = report.samples.acknowledged),
      progressIntervalMs: 200,
    });
    await waitFor(() => acknowledged > 2_000, 20_000, 'the first acknowledgements');
    const baseline = rssOf(pid);

    // Redis away: producers refuse within 10 s, the rest goes on.
    await redis.cut();
    await sleep(500);
    const refusedWithoutRedis = await requestEvaluation();
    expect(refusedWithoutRedis.status).toBe(503);
    expect(refusedWithoutRedis.ms).toBeLessThan(10_000);
    expect(await watch(robots[1])).toEqual({ ok: true });
    const completed = await timedFetch(`${child.url}/api/v1/sessions/${session.id}/complete`, {
      method: 'POST',
      headers,
    });
    expect(completed.status).toBe(200);
    expect(completed.ms).toBeLessThan(10_000);
    await sleep(3_000);
    await redis.restore();

    // PostgreSQL away for a minute under load.
    await postgres.cut();
    const outageEnds = Date.now() + OUTAGE_MS;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 250);
    try {
      const duringOutage = await watch(robots[2]);
      expect(duringOutage).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      const refusedWithoutPostgres = await requestEvaluation();
      expect(refusedWithoutPostgres.status).toBe(503);
      expect(refusedWithoutPostgres.ms).toBeLessThan(10_000);
      let pendingBytes = 0;
      while (Date.now() < outageEnds) {
        const metrics = await fetch(`${child.url}/metrics`, { signal: AbortSignal.timeout(10_000) }).then((r) =>
          r.text(),
        );
        const gauge = /^field_telemetry_pending_bytes (\d+)/m.exec(metrics);
        pendingBytes = Math.max(pendingBytes, Number(gauge?.[1] ?? 0));
        await sleep(2_000);
      }
      expect(pendingBytes).toBeGreaterThan(0);
      expect(pendingBytes).toBeLessThanOrEqual(BACKLOG_BYTES);
    } finally {
      clearInterval(sampler);
      await postgres.restore();
    }
    expect(peak - baseline).toBeLessThan(RSS_HEADROOM);

    stop.abort();
    const report = await run;
    expect(report.samples.dropped).toBe(0);
    expect(report.samples.acknowledged).toBe(report.samples.generated);
    const stored = await storedBatchesOf(field, robots);
    expect(stored.batches).toBe(stored.distinct);
    expect(stored.samples).toBe(report.samples.generated);

    await waitFor(async () => (await fetch(`${child.url}/health`)).status === 200, 20_000, '/health to answer 200');
    expect(child.process.exitCode).toBeNull();
    expect(child.process.signalCode).toBeNull();
    expect(child.output()).not.toContain('unhandled promise rejection');
    process.stdout.write(
      `field process RSS: baseline ${(baseline / MIB).toFixed(0)} MiB, peak ${(peak / MIB).toFixed(0)} MiB ` +
        `through a ${OUTAGE_MS / 1000} s PostgreSQL outage; ${report.samples.generated} samples, none lost\n`,
    );
  }, 180_000);
});

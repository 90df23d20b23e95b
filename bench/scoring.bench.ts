import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as pg from 'pg';
import { BenchApi, pool } from './support/api';
import { startField } from './support/field-process';
import { ms, summarize } from './support/stats';

const ROBOTS = 100;
const SESSIONS_PER_ROBOT = 50;
const EVALUATIONS = 500;
const WORKER_CONCURRENCY = 8;
/** Raw samples each session's summary stands for: what an evaluation must never read again. */
const SAMPLES_PER_SESSION = 720_000;
const DOMAIN = 'industrial_manufacturing';
const HOUR = 3600_000;

interface StartedApp {
  init(): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Graduation evaluations (issue 5): robots with 50 completed sessions each (summaries written
 * directly in SQL), evaluated against the default industrial graduation standard through the public
 * API (a separate `api` process) by a worker running in this process, whose PostgreSQL client is
 * counted so that the SQL statements per evaluation can be printed. Baseline: the same number of
 * evaluations' essential reads and writes (the robot's summaries, one result row) as plain SQL from
 * one connection, no queue, no HTTP.
 */
export async function scoringBench(): Promise<void> {
  const prefix = `bench_${Date.now().toString(36)}`;
  const field = await startField({ FIELD_ROLE: 'api', FIELD_QUEUE_PREFIX: prefix });
  const mine = new WeakSet<object>();
  let statements = 0;
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: object, ...args: unknown[]) {
    if (!mine.has(this)) statements++;
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  const client = new pg.Client({ connectionString: field.databaseUrl });
  mine.add(client);
  await client.connect();
  let worker: StartedApp | null = null;
  try {
    const api = new BenchApi(field.url, field.adminToken);
    const robots = await seed(api, client);

    worker = await startWorker(field.databaseUrl, prefix);
    const before = statements;
    const latencies: number[] = [];
    const began = performance.now();
    await pool(
      Array.from({ length: EVALUATIONS }, (_, i) => i),
      32,
      async (i) => {
        const sent = performance.now();
        const answer = await api.request('POST', `/robots/${robots[i % robots.length]}/evaluations`, {
          stage: 'graduation',
        });
        latencies.push(performance.now() - sent);
        if (answer.status !== 202) throw new Error(`POST evaluations answered ${answer.status}`);
      },
    );
    let finished = 0;
    while (finished < EVALUATIONS) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM evaluations WHERE status IN ('completed', 'failed')`,
      );
      finished = rows[0].n;
    }
    const seconds = (performance.now() - began) / 1000;
    const perEvaluation = (statements - before) / EVALUATIONS;
    const { rows: outcomes } = await client.query<{ status: string; passed: boolean | null; n: number }>(
      'SELECT status, passed, count(*)::int AS n FROM evaluations GROUP BY 1, 2 ORDER BY 1, 2',
    );

    const baselineRate = await baseline(client, robots);
    const plan = await summariesPlan(client, robots[0]);
    const posted = summarize(latencies);
    const rate = EVALUATIONS / seconds;
    console.log(
      `${ROBOTS} robots × ${SESSIONS_PER_ROBOT} completed sessions (each summarising ${SAMPLES_PER_SESSION.toLocaleString('en')} raw samples), ` +
        `${EVALUATIONS} graduation evaluations against the default industrial standard, worker concurrency ${WORKER_CONCURRENCY}`,
    );
    console.log(`  outcomes           ${outcomes.map((o) => `${o.status}/${o.passed}×${o.n}`).join(' ')}`);
    console.log(`  evaluations/s      ${rate.toFixed(0)} (request → stored result, end to end)`);
    console.log(`  SQL per evaluation ${perEvaluation.toFixed(2)} statements on the worker (transaction included)`);
    console.log(`  summaries read     ${plan}`);
    console.log(`  POST latency       p50 ${ms(posted.p50)}  p99 ${ms(posted.p99)}`);
    console.log(`  baseline (SQL)     ${baselineRate.toFixed(0)} evaluations/s: read the summaries, write a row`);
    console.log(`  ratio              ${(rate / baselineRate).toFixed(2)} of the baseline`);
  } finally {
    await worker?.close();
    await client.end();
    pg.Client.prototype.query = query as typeof pg.Client.prototype.query;
    await field.stop();
  }
}

/** Enrolled robots (through the API), and their completed sessions and summaries (in SQL). */
async function seed(api: BenchApi, client: pg.Client): Promise<string[]> {
  const site = await api.create('/sites', { code: 'BENCH', name: 'bench', kind: 'main' });
  const bay = (mode: string) =>
    api.create('/bays', { siteId: site.id, code: `B-${mode}`, name: mode, domain: DOMAIN, mode, capacity: 1 });
  const [physical, virtual] = [await bay('physical'), await bay('virtual')];
  const vendor = await api.create('/vendors', { name: 'bench vendor' });
  const robots: string[] = [];
  await pool(
    Array.from({ length: ROBOTS }, (_, i) => i),
    16,
    async (i) => {
      const robot = await api.enrolRobot({
        serialNumber: `BENCH-${i}`,
        name: `robot ${i}`,
        vendorId: vendor.id,
        model: 'B1',
        form: 'robot_arm',
        domains: [DOMAIN],
        specs: { estop: true, telemetryInterface: true },
      });
      robots[i] = robot.id;
    },
  );
  const base = Date.parse('2025-01-06T00:00:00Z');
  for (const [index, robotId] of robots.entries()) {
    const starts = Array.from(
      { length: SESSIONS_PER_ROBOT },
      (_, k) => new Date(base + (index * SESSIONS_PER_ROBOT + k) * HOUR),
    );
    const { rows: sessions } = await client.query<{ id: string; bay_id: string }>(
      `INSERT INTO training_sessions (bay_id, kind, status, task_keys, starts_at, ends_at, started_at, ended_at)
       SELECT CASE WHEN k % 4 = 0 THEN $2::uuid ELSE $1::uuid END, 'training', 'completed', '{pick_place}',
              t, t + interval '1 hour', t, t + interval '4 hours'
         FROM unnest($3::timestamptz[]) WITH ORDINALITY AS s(t, k)
       RETURNING id, bay_id`,
      [physical.id, virtual.id, starts],
    );
    await client.query(
      `INSERT INTO session_robots (session_id, robot_id, position) SELECT id, $2, 1 FROM unnest($1::uuid[]) AS id`,
      [sessions.map((s) => s.id), robotId],
    );
    await client.query(
      `INSERT INTO session_summaries (session_id, robot_id, session_status, kind, domain, mode, started_at, ended_at,
         run_seconds, attempts, successes, failures, cycle_time_total_s, cycle_time_count, by_task, estops,
         near_misses, interventions, heartbeats, heartbeat_covered_seconds, teleop_samples, telemetry_samples)
       SELECT s.id, $2, 'completed', 'training', $3, CASE WHEN s.bay_id = $4 THEN 'virtual' ELSE 'physical' END,
              s.started_at, s.ended_at, 14400, 60, 57, 3, 57 * 21.5, 57,
              '{"pick_place": {"attempts": 60, "successes": 57, "failures": 3, "unfinished": 0,
                "cycleTimeTotalS": 1225.5, "cycleTimeCount": 57}}', 0, 0, 1, 14390, 14395, 2500, $5
         FROM training_sessions s WHERE s.id = ANY($1::uuid[])`,
      [sessions.map((s) => s.id), robotId, DOMAIN, virtual.id, SAMPLES_PER_SESSION],
    );
  }
  await client.query('ANALYZE session_summaries');
  return robots;
}

/** A worker (FIELD_ROLE=worker) in this process, from the built server, so its SQL can be counted. */
async function startWorker(databaseUrl: string, prefix: string): Promise<StartedApp> {
  const built = join(__dirname, '..');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const platform = require(join(built, 'libs', 'platform', 'src', 'index.js')) as {
    loadConfig(env: Record<string, string>): unknown;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createFieldApp } = require(join(built, 'apps', 'field', 'src', 'create-app.js')) as {
    createFieldApp(config: unknown): Promise<StartedApp>;
  };
  const app = await createFieldApp(
    platform.loadConfig({
      DATABASE_URL: databaseUrl,
      FIELD_ROLE: 'worker',
      FIELD_QUEUE_PREFIX: prefix,
      FIELD_WORKER_QUEUES: 'scoring',
      FIELD_WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
      LOG_LEVEL: 'warn',
    }),
  );
  await app.init();
  return app;
}

/** The essential reads and writes of the same evaluations as plain SQL from one connection. */
async function baseline(client: pg.Client, robots: readonly string[]): Promise<number> {
  await client.query('CREATE TEMP TABLE baseline_results (robot_id uuid, sessions int, attempts bigint)');
  const began = performance.now();
  for (let i = 0; i < EVALUATIONS; i++) {
    const robotId = robots[i % robots.length];
    const { rows } = await client.query<{ attempts: number }>(
      `SELECT attempts FROM session_summaries WHERE robot_id = $1 AND session_status = 'completed' AND domain = $2`,
      [robotId, DOMAIN],
    );
    await client.query('INSERT INTO baseline_results VALUES ($1, $2, $3)', [
      robotId,
      rows.length,
      rows.reduce((sum, row) => sum + row.attempts, 0),
    ]);
  }
  return EVALUATIONS / ((performance.now() - began) / 1000);
}

/** How PostgreSQL reads one robot's summaries for a graduation evaluation. */
async function summariesPlan(client: pg.Client, robotId: string): Promise<string> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN SELECT * FROM session_summaries WHERE robot_id = $1 AND session_status = 'completed' AND domain = $2`,
    [robotId, DOMAIN],
  );
  return rows[0]['QUERY PLAN'].replace(/\s+\(cost=.*$/, '').trim();
}

import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { BenchApi, pool } from './support/api';
import { startField } from './support/field-process';
import { ms, summarize } from './support/stats';

const CONTENDED_BAYS = 5;
const ATTEMPTS_PER_ROUND = 500;
const ROUNDS = 20;
const DISTINCT_BAYS = 100;
const DISTINCT_BOOKINGS = 2000;
const HOUR = 3600_000;

/**
 * Booking under contention and without it (issue 3):
 * - 500 simultaneous attempts spread over 5 bays, 20 rounds: overlaps stored and 5xx must be 0;
 *   latency p50/p99 (target p99 ≤ 200 ms), beside the latency of the same bursts of a one-row read,
 *   the floor this machine's HTTP stack and load generator set under any write;
 * - bookings per second on distinct bays (target ≥ 500/s), against a baseline of the same rows
 *   inserted by plain SQL from one connection in the same run.
 */
export async function bookingBench(): Promise<void> {
  const field = await startField();
  try {
    const api = new BenchApi(field.url, field.adminToken);
    const site = await api.create('/sites', { code: 'BENCH', name: 'bench', kind: 'main' });
    const bays: string[] = [];
    await pool(
      Array.from({ length: CONTENDED_BAYS + DISTINCT_BAYS }, (_, i) => i),
      16,
      async (i) => {
        const bay = await api.create('/bays', {
          siteId: site.id,
          code: `B${i}`,
          name: `bay ${i}`,
          domain: 'industrial_manufacturing',
          mode: i % 2 ? 'virtual' : 'physical',
          capacity: 2,
        });
        bays[i] = bay.id;
      },
    );
    const vendor = await api.create('/vendors', { name: 'bench vendor' });
    const robots: string[] = [];
    await pool(
      Array.from({ length: ATTEMPTS_PER_ROUND }, (_, i) => i),
      16,
      async (i) => {
        const robot = await api.enrolRobot({
          serialNumber: `BENCH-${i}`,
          name: `robot ${i}`,
          vendorId: vendor.id,
          model: 'B1',
          form: 'amr',
          domains: ['industrial_manufacturing'],
        });
        robots[i] = robot.id;
      },
    );
    const base = Date.parse('2030-01-07T01:00:00Z');

    // The floor under the contention figures: the same bursts of 500 simultaneous requests, each
    // an authenticated read of one row (GET /users/me), through the same HTTP stack on this machine.
    // An unmeasured burst first opens the 500 connections that every later burst reuses.
    await Promise.all(robots.map(() => api.request('GET', '/users/me')));
    const floorLatencies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(
        robots.map(async () => {
          const began = performance.now();
          await api.request('GET', '/users/me');
          floorLatencies.push(performance.now() - began);
        }),
      );
    }

    // Contention: every round, 100 attempts per bay for the same hour.
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const contentionStart = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      const startsAt = new Date(base + round * 2 * HOUR).toISOString();
      const endsAt = new Date(base + round * 2 * HOUR + HOUR).toISOString();
      await Promise.all(
        robots.map(async (robotId, i) => {
          const began = performance.now();
          const answer = await api.request('POST', '/sessions', {
            bayId: bays[i % CONTENDED_BAYS],
            robotIds: [robotId],
            kind: 'training',
            startsAt,
            endsAt,
          });
          latencies.push(performance.now() - began);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        }),
      );
    }
    const contentionSeconds = (performance.now() - contentionStart) / 1000;

    // No contention: each booking in its own (bay, hour).
    const distinctBase = base + 1000 * HOUR;
    const distinctLatencies: number[] = [];
    let distinctErrors = 0;
    const distinctStart = performance.now();
    await pool(
      Array.from({ length: DISTINCT_BOOKINGS }, (_, i) => i),
      50,
      async (i) => {
        const slot = Math.floor(i / DISTINCT_BAYS);
        const began = performance.now();
        const answer = await api.request('POST', '/sessions', {
          bayId: bays[CONTENDED_BAYS + (i % DISTINCT_BAYS)],
          robotIds: [robots[i % robots.length]],
          kind: 'training',
          startsAt: new Date(distinctBase + slot * HOUR).toISOString(),
          endsAt: new Date(distinctBase + slot * HOUR + HOUR).toISOString(),
        });
        distinctLatencies.push(performance.now() - began);
        if (answer.status !== 201) distinctErrors++;
      },
    );
    const distinctRate = DISTINCT_BOOKINGS / ((performance.now() - distinctStart) / 1000);

    const client = new Client({ connectionString: field.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(`
        SELECT count(*)::int AS n FROM training_sessions a JOIN training_sessions b
          ON a.id < b.id AND a.status <> 'cancelled' AND b.status <> 'cancelled'
         AND tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
         AND (a.bay_id = b.bay_id OR EXISTS (SELECT 1 FROM session_robots x JOIN session_robots y
              ON x.robot_id = y.robot_id WHERE x.session_id = a.id AND y.session_id = b.id))`);
      const overlaps = rows[0].n;

      // Baseline: the same number of bookings as plain INSERTs from one connection, no HTTP, no checks.
      const baselineStart = performance.now();
      for (let i = 0; i < DISTINCT_BOOKINGS; i++) {
        const startsAt = new Date(distinctBase + 100_000 * HOUR + i * HOUR);
        const inserted = await client.query<{ id: string }>(
          `INSERT INTO training_sessions (bay_id, kind, starts_at, ends_at) VALUES ($1, 'training', $2, $3) RETURNING id`,
          [bays[CONTENDED_BAYS + (i % DISTINCT_BAYS)], startsAt, new Date(startsAt.getTime() + HOUR)],
        );
        await client.query('INSERT INTO session_robots (session_id, robot_id, position) VALUES ($1, $2, 1)', [
          inserted.rows[0].id,
          robots[i % robots.length],
        ]);
      }
      const baselineRate = DISTINCT_BOOKINGS / ((performance.now() - baselineStart) / 1000);

      const contended = summarize(latencies);
      const distinct = summarize(distinctLatencies);
      const fiveXx = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0);
      console.log(
        `contention: ${ROUNDS} rounds × ${ATTEMPTS_PER_ROUND} simultaneous attempts over ${CONTENDED_BAYS} bays`,
      );
      console.log(`  answers            ${[...statuses].map(([status, n]) => `${status}×${n}`).join(' ')}`);
      console.log(`  overlaps stored    ${overlaps} (must be 0)`);
      console.log(`  5xx answers        ${fiveXx} (must be 0)`);
      console.log(
        `  latency            p50 ${ms(contended.p50)}  p99 ${ms(contended.p99)}  max ${ms(contended.max)} (target p99 ≤ 200 ms)`,
      );
      console.log(`  attempts/s         ${((ROUNDS * ATTEMPTS_PER_ROUND) / contentionSeconds).toFixed(0)}`);
      const floor = summarize(floorLatencies);
      console.log(
        `  floor              p50 ${ms(floor.p50)}  p99 ${ms(floor.p99)}: the same bursts of GET /users/me (one-row read)`,
      );
      console.log(`distinct bays: ${DISTINCT_BOOKINGS} bookings, 50 in flight`);
      console.log(`  bookings/s         ${distinctRate.toFixed(0)} (target ≥ 500/s), errors ${distinctErrors}`);
      console.log(`  latency            p50 ${ms(distinct.p50)}  p99 ${ms(distinct.p99)}`);
      console.log(`  baseline (SQL)     ${baselineRate.toFixed(0)} bookings/s from one connection`);
      console.log(`  ratio              ${(distinctRate / baselineRate).toFixed(2)} of the baseline`);
    } finally {
      await client.end();
    }
  } finally {
    await field.stop();
  }
}

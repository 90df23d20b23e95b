import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { RobotSessionSummary, TaskTallies } from '../metrics/session-summary';
import type { SessionSummariesRow } from '../rows.generated';

export interface StoredSummary extends RobotSessionSummary {
  computedAt: Date;
}

/** Session summaries: written by the summary job, read by evaluations and the summary route. */
@Injectable()
export class SessionSummariesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every robot of a session in one statement; a re-run overwrites with the same result. */
  async save(manager: EntityManager, summaries: readonly RobotSessionSummary[]): Promise<void> {
    if (summaries.length === 0) return;
    await manager.query(
      `INSERT INTO session_summaries (session_id, robot_id, session_status, kind, domain, mode, started_at, ended_at,
         run_seconds, attempts, successes, failures, unfinished, cycle_time_total_s, cycle_time_count, by_task, estops,
         collisions, near_misses, interventions, heartbeats, heartbeat_covered_seconds, teleop_samples,
         telemetry_samples, computed_at)
       SELECT r.session_id, r.robot_id, r.session_status, r.kind, r.domain, r.mode, r.started_at, r.ended_at,
              r.run_seconds, r.attempts, r.successes, r.failures, r.unfinished, r.cycle_time_total_s,
              r.cycle_time_count, r.by_task, r.estops, r.collisions, r.near_misses, r.interventions, r.heartbeats,
              r.heartbeat_covered_seconds, r.teleop_samples, r.telemetry_samples, now()
         FROM jsonb_to_recordset($1::jsonb) AS r(
           session_id uuid, robot_id uuid, session_status text, kind text, domain text, mode text,
           started_at timestamptz, ended_at timestamptz, run_seconds float8, attempts int, successes int,
           failures int, unfinished int, cycle_time_total_s float8, cycle_time_count int, by_task jsonb, estops int,
           collisions int, near_misses int, interventions int, heartbeats int, heartbeat_covered_seconds float8,
           teleop_samples bigint, telemetry_samples bigint)
       ON CONFLICT (session_id, robot_id) DO UPDATE SET
         session_status = EXCLUDED.session_status, kind = EXCLUDED.kind, domain = EXCLUDED.domain,
         mode = EXCLUDED.mode, started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at,
         run_seconds = EXCLUDED.run_seconds, attempts = EXCLUDED.attempts, successes = EXCLUDED.successes,
         failures = EXCLUDED.failures, unfinished = EXCLUDED.unfinished,
         cycle_time_total_s = EXCLUDED.cycle_time_total_s, cycle_time_count = EXCLUDED.cycle_time_count,
         by_task = EXCLUDED.by_task, estops = EXCLUDED.estops, collisions = EXCLUDED.collisions,
         near_misses = EXCLUDED.near_misses, interventions = EXCLUDED.interventions,
         heartbeats = EXCLUDED.heartbeats, heartbeat_covered_seconds = EXCLUDED.heartbeat_covered_seconds,
         teleop_samples = EXCLUDED.teleop_samples, telemetry_samples = EXCLUDED.telemetry_samples,
         computed_at = EXCLUDED.computed_at`,
      [JSON.stringify(summaries.map(toRecord))],
    );
  }

  async ofSession(sessionId: string, robotIds: readonly string[]): Promise<StoredSummary[]> {
    const rows: SessionSummariesRow[] = await this.dataSource.query(
      `SELECT * FROM session_summaries WHERE session_id = $1 AND robot_id = ANY($2::uuid[])
        ORDER BY robot_id`,
      [sessionId, robotIds],
    );
    return rows.map(fromRow);
  }

  /** One robot's summaries of the given sessions, oldest first (a graduation evaluation's evidence). */
  async ofSessions(robotId: string, sessionIds: readonly string[]): Promise<StoredSummary[]> {
    if (sessionIds.length === 0) return [];
    const rows: SessionSummariesRow[] = await this.dataSource.query(
      `SELECT * FROM session_summaries WHERE robot_id = $1 AND session_id = ANY($2::uuid[])
        ORDER BY ended_at, session_id`,
      [robotId, sessionIds],
    );
    return rows.map(fromRow);
  }

  /** Which of these sessions have been summarised. */
  async summarised(sessionIds: readonly string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const rows: Pick<SessionSummariesRow, 'session_id'>[] = await this.dataSource.query(
      'SELECT DISTINCT session_id FROM session_summaries WHERE session_id = ANY($1::uuid[])',
      [sessionIds],
    );
    return new Set(rows.map((row) => row.session_id));
  }
}

function toRecord(summary: RobotSessionSummary): Record<string, unknown> {
  return {
    session_id: summary.sessionId,
    robot_id: summary.robotId,
    session_status: summary.sessionStatus,
    kind: summary.kind,
    domain: summary.domain,
    mode: summary.mode,
    started_at: new Date(summary.startedAt).toISOString(),
    ended_at: new Date(summary.endedAt).toISOString(),
    run_seconds: summary.runSeconds,
    attempts: summary.tasks.attempts,
    successes: summary.tasks.successes,
    failures: summary.tasks.failures,
    unfinished: summary.tasks.unfinished,
    cycle_time_total_s: summary.tasks.cycleTimeTotalS,
    cycle_time_count: summary.tasks.cycleTimeCount,
    by_task: summary.byTask,
    estops: summary.safety.estop,
    collisions: summary.safety.collision,
    near_misses: summary.safety.near_miss,
    interventions: summary.interventions,
    heartbeats: summary.heartbeats,
    heartbeat_covered_seconds: summary.heartbeatCoveredSeconds,
    teleop_samples: summary.teleopSamples,
    telemetry_samples: summary.telemetrySamples,
  };
}

function fromRow(row: SessionSummariesRow): StoredSummary {
  return {
    sessionId: row.session_id,
    robotId: row.robot_id,
    sessionStatus: row.session_status,
    kind: row.kind,
    domain: row.domain,
    mode: row.mode,
    startedAt: row.started_at.getTime(),
    endedAt: row.ended_at.getTime(),
    runSeconds: row.run_seconds,
    tasks: {
      attempts: row.attempts,
      successes: row.successes,
      failures: row.failures,
      unfinished: row.unfinished,
      cycleTimeTotalS: row.cycle_time_total_s,
      cycleTimeCount: row.cycle_time_count,
    },
    byTask: row.by_task as Record<string, TaskTallies>,
    safety: { estop: row.estops, collision: row.collisions, near_miss: row.near_misses },
    interventions: row.interventions,
    heartbeats: row.heartbeats,
    heartbeatCoveredSeconds: row.heartbeat_covered_seconds,
    teleopSamples: Number(row.teleop_samples),
    telemetrySamples: Number(row.telemetry_samples),
    computedAt: row.computed_at,
  };
}

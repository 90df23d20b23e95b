import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BookingConflict, Session, SessionStatus } from '@app/contract';
import { byConstraint, conflict, DomainError, isPgError, notFound, PG, retryTransient } from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import {
  SessionRobotsConstraint,
  SessionRobotsRow,
  TRAINING_SESSIONS_COLUMNS,
  TrainingSessionsConstraint,
  TrainingSessionsRow,
} from '../rows.generated';
import type { WantedWindow, Window, WindowConflict } from './booking-window';
import { SessionWithRobotsRow, toSession } from './session.mapper';

type Constraint = TrainingSessionsConstraint | SessionRobotsConstraint;

const SESSION_COLUMNS = `${TRAINING_SESSIONS_COLUMNS.map((column) => `s.${column}`).join(', ')},
  ARRAY(SELECT sr.robot_id FROM session_robots sr WHERE sr.session_id = s.id ORDER BY sr.position) AS robot_ids`;

/** The exclusion constraints that keep a bay's and a robot's bookings from overlapping. */
const OVERLAP_CONSTRAINTS: readonly Constraint[] = [
  'training_sessions_bay_overlap_excl',
  'session_robots_robot_overlap_excl',
];

/** A finished session's columns: ended_at is set (training_sessions_run_check). */
type Finished<K extends keyof TrainingSessionsRow> = Pick<TrainingSessionsRow, K> & { ended_at: Date };

/** A stored session in the way of a wanted window: by its bay (robot_id null) or by one of its robots. */
type ConflictRow = Pick<TrainingSessionsRow, 'starts_at' | 'ends_at'> & {
  window: number;
  session_id: string;
  bay_id: string | null;
  robot_id: SessionRobotsRow['robot_id'] | null;
};

/** A session about to be stored. */
export interface NewSession extends WantedWindow {
  kind: TrainingSessionsRow['kind'];
  taskKeys: readonly string[];
  seriesId: string | null;
  note: string | null;
  createdBy: string;
}

export interface SessionFilter {
  bayId?: string;
  status?: SessionStatus;
  robotId?: string;
  /** Only sessions holding one of these robots (a vendor's). */
  anyOfRobots?: readonly string[];
  from?: string;
  to?: string;
  /** Keyset: sessions after this (startsAt, id). */
  after?: readonly [string, string];
  limit: number;
}

/**
 * Training sessions with their robots: the SQL, the booking locks, and the mapping of the
 * database's refusals (exclusion and unique violations) to the domain's conflicts.
 */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A transaction, run again when PostgreSQL picks it as a deadlock victim. */
  transaction<T>(run: (tx: EntityManager) => Promise<T>): Promise<T> {
    return retryTransient(() => this.dataSource.transaction(run));
  }

  /**
   * A booking transaction: an exclusion violation that slipped past the locks still answers with
   * the sessions now in the way of `wanted`, as `overlap` words it.
   */
  async book<T>(
    run: (tx: EntityManager) => Promise<T>,
    wanted: readonly WantedWindow[],
    overlap: (conflicts: WindowConflict[]) => DomainError,
  ): Promise<T> {
    try {
      return await this.transaction(run);
    } catch (error) {
      if (!OVERLAP_CONSTRAINTS.some((constraint) => isPgError(error, PG.exclusionViolation, constraint))) throw error;
      throw overlap(await this.findConflicts(wanted));
    }
  }

  /** Serialises competing bookings of the same bays or robots (see field_lock_for_booking). */
  async lockForBooking(tx: EntityManager, bayIds: readonly string[], robotIds: readonly string[]): Promise<void> {
    await tx.query('SELECT field_lock_for_booking($1::uuid[], $2::uuid[])', [bayIds, robotIds]);
  }

  /**
   * The live bookings (cancelled sessions and `exceptSession` left out) overlapping any of the
   * windows, in its bay or for any of its robots: one indexed query for a whole batch or series,
   * whose conflicts name the index of the window they stand in the way of. Outside a transaction
   * (`tx` omitted) it is the lock-free pre-check.
   */
  async findConflicts(
    wanted: readonly WantedWindow[],
    exceptSession: string | null = null,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<WindowConflict[]> {
    if (wanted.length === 0) return [];
    const robotWindows = wanted.flatMap((window, index) => window.robotIds.map(() => index));
    const rows: ConflictRow[] = await tx.query(
      `WITH wanted AS (
         SELECT ordinality - 1 AS window, bay_id, tstzrange(starts_at, ends_at, '[)') AS range
         FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS w(bay_id, starts_at, ends_at, ordinality)
       ), wanted_robots AS (
         SELECT r.wanted, r.robot_id FROM unnest($4::int[], $5::uuid[]) AS r(wanted, robot_id)
       )
       SELECT w.window, s.id AS session_id, s.bay_id, NULL::uuid AS robot_id, s.starts_at, s.ends_at
         FROM wanted w JOIN training_sessions s
           ON s.bay_id = w.bay_id AND s.status <> 'cancelled' AND tstzrange(s.starts_at, s.ends_at, '[)') && w.range
        WHERE s.id IS DISTINCT FROM $6::uuid
       UNION ALL
       SELECT w.window, s.id, NULL::uuid, sr.robot_id, s.starts_at, s.ends_at
         FROM wanted w JOIN wanted_robots r ON r.wanted = w.window
         JOIN session_robots sr ON sr.robot_id = r.robot_id AND sr.active AND sr.booked && w.range
         JOIN training_sessions s ON s.id = sr.session_id
        WHERE s.id IS DISTINCT FROM $6::uuid
       ORDER BY 1, 5, 2`,
      [
        wanted.map((window) => window.bayId),
        wanted.map((window) => window.startsAt.toISOString()),
        wanted.map((window) => window.endsAt.toISOString()),
        robotWindows,
        wanted.flatMap((window) => window.robotIds),
        exceptSession,
      ],
    );
    return rows.map((row) => ({
      window: Number(row.window),
      sessionId: row.session_id,
      ...(row.bay_id ? { bayId: row.bay_id } : { robotId: row.robot_id as string }),
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
    }));
  }

  /**
   * New sessions in one statement, then all their robots' participations in another; answered in
   * the order given (the ids are drawn first so that rows can be matched to what was asked).
   */
  async insert(tx: EntityManager, sessions: readonly NewSession[]): Promise<Session[]> {
    if (sessions.length === 0) return [];
    const inserted: (TrainingSessionsRow & { n: string })[] = await tx.query(
      `WITH wanted AS (
         SELECT field_uuid_v7() AS id, w.*
           FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::timestamptz[], $5::timestamptz[], $6::uuid[],
                       $7::text[], $8::uuid[])
                WITH ORDINALITY AS w(bay_id, kind, task_keys, starts_at, ends_at, series_id, note, created_by, n)
       ), inserted AS (
         INSERT INTO training_sessions (id, bay_id, kind, task_keys, starts_at, ends_at, series_id, note, created_by)
         SELECT id, bay_id, kind, ARRAY(SELECT jsonb_array_elements_text(task_keys)), starts_at, ends_at, series_id,
                note, created_by
           FROM wanted
         RETURNING ${TRAINING_SESSIONS_COLUMNS.join(', ')}
       )
       SELECT wanted.n, inserted.* FROM inserted JOIN wanted USING (id) ORDER BY wanted.n`,
      [
        sessions.map((session) => session.bayId),
        sessions.map((session) => session.kind),
        sessions.map((session) => JSON.stringify(session.taskKeys)),
        sessions.map((session) => session.startsAt.toISOString()),
        sessions.map((session) => session.endsAt.toISOString()),
        sessions.map((session) => session.seriesId),
        sessions.map((session) => session.note),
        sessions.map((session) => session.createdBy),
      ],
    );
    const participations = inserted.flatMap((row, index) =>
      sessions[index].robotIds.map((robotId, position) => ({ sessionId: row.id, robotId, position: position + 1 })),
    );
    await tx.query(
      `INSERT INTO session_robots (session_id, robot_id, position)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[])`,
      [
        participations.map((entry) => entry.sessionId),
        participations.map((entry) => entry.robotId),
        participations.map((entry) => entry.position),
      ],
    );
    return inserted.map(({ n: _n, ...row }, index) => toSession({ ...row, robot_ids: [...sessions[index].robotIds] }));
  }

  async find(id: string, tx: EntityManager = this.dataSource.manager): Promise<Session | null> {
    const rows: SessionWithRobotsRow[] = await tx.query(
      `SELECT ${SESSION_COLUMNS} FROM training_sessions s WHERE s.id = $1`,
      [id],
    );
    return rows.length > 0 ? toSession(rows[0]) : null;
  }

  /** The session, locked against concurrent changes for the rest of the transaction. */
  async lock(tx: EntityManager, id: string): Promise<Session> {
    const locked: unknown[] = await tx.query('SELECT id FROM training_sessions WHERE id = $1 FOR UPDATE', [id]);
    const session = locked.length > 0 ? await this.find(id, tx) : null;
    if (!session) throw notFound('session', id);
    return session;
  }

  async move(tx: EntityManager, id: string, bayId: string, window: Window): Promise<void> {
    await tx.query(
      'UPDATE training_sessions SET bay_id = $2, starts_at = $3, ends_at = $4, updated_at = now() WHERE id = $1',
      [id, bayId, window.startsAt, window.endsAt],
    );
  }

  /**
   * Moves the session from status `from` to `to`; false when it is no longer in `from` (the
   * condition makes two concurrent transitions of one session serialise: one wins).
   */
  async transition(tx: EntityManager, id: string, from: SessionStatus, to: SessionStatus): Promise<boolean> {
    const timestamps = to === 'running' ? ', started_at = now()' : to === 'cancelled' ? '' : ', ended_at = now()';
    try {
      // TypeORM answers an UPDATE on PostgreSQL with [rows, rowCount].
      const [changed]: [{ id: string }[], number] = await tx.query(
        `UPDATE training_sessions SET status = $3, updated_at = now()${timestamps}
          WHERE id = $1 AND status = $2 RETURNING id`,
        [id, from, to],
      );
      return changed.length > 0;
    } catch (error) {
      const running = () => conflict('another session is already running there');
      throw byConstraint<Constraint>(error, {
        training_sessions_one_running_per_bay: running,
        session_robots_one_running_per_robot: running,
      });
    }
  }

  /** Other running sessions in the session's bay or holding one of its robots. */
  async runningBeside(tx: EntityManager, session: Session): Promise<BookingConflict[]> {
    const rows: (Pick<TrainingSessionsRow, 'id' | 'bay_id' | 'starts_at' | 'ends_at'> & {
      robot_id: SessionRobotsRow['robot_id'] | null;
    })[] = await tx.query(
      `SELECT s.id, s.bay_id, NULL::uuid AS robot_id, s.starts_at, s.ends_at FROM training_sessions s
          WHERE s.bay_id = $1 AND s.status = 'running' AND s.id <> $3
         UNION ALL
         SELECT s.id, s.bay_id, sr.robot_id, s.starts_at, s.ends_at FROM session_robots sr
           JOIN training_sessions s ON s.id = sr.session_id
          WHERE sr.robot_id = ANY($2::uuid[]) AND sr.running AND s.id <> $3`,
      [session.bayId, session.robotIds, session.id],
    );
    return rows.map((row) => ({
      sessionId: row.id,
      ...(row.robot_id ? { robotId: row.robot_id } : { bayId: row.bay_id }),
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
    }));
  }

  /** Ordered by start time and id; `limit` rows at most. */
  async list(filter: SessionFilter): Promise<Session[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const holding = (robots: string) =>
      `EXISTS (SELECT 1 FROM session_robots x WHERE x.session_id = s.id AND x.robot_id = ${robots})`;
    if (filter.bayId) conditions.push(`s.bay_id = ${param(filter.bayId)}`);
    if (filter.status) conditions.push(`s.status = ${param(filter.status)}`);
    if (filter.robotId) conditions.push(holding(param(filter.robotId)));
    if (filter.anyOfRobots) conditions.push(holding(`ANY(${param(filter.anyOfRobots)}::uuid[])`));
    if (filter.from) conditions.push(`s.ends_at > ${param(filter.from)}`);
    if (filter.to) conditions.push(`s.starts_at < ${param(filter.to)}`);
    if (filter.after) {
      const [startsAt, id] = filter.after;
      conditions.push(`(s.starts_at, s.id) > (${param(startsAt)}::timestamptz, ${param(id)}::uuid)`);
    }
    const rows: SessionWithRobotsRow[] = await this.dataSource.query(
      `SELECT ${SESSION_COLUMNS} FROM training_sessions s
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY s.starts_at, s.id LIMIT ${param(filter.limit)}`,
      params,
    );
    return rows.map(toSession);
  }

  /** Ids of the sessions that finished (completed or aborted) since `since`, oldest first. */
  async finishedSince(since: Date, limit: number): Promise<{ id: string; endedAt: string }[]> {
    const rows: Finished<'id'>[] = await this.dataSource.query(
      `SELECT id, ended_at FROM training_sessions
        WHERE status IN ('completed', 'aborted') AND ended_at >= $1 ORDER BY ended_at, id LIMIT $2`,
      [since, limit],
    );
    return rows.map((row) => ({ id: row.id, endedAt: row.ended_at.toISOString() }));
  }

  /** The robot's sessions completed at or before `endedBy`, oldest first. */
  async completedOf(robotId: string, endedBy: Date): Promise<{ id: string; bayId: string; endedAt: number }[]> {
    const rows: Finished<'id' | 'bay_id'>[] = await this.dataSource.query(
      `SELECT s.id, s.bay_id, s.ended_at FROM session_robots r JOIN training_sessions s ON s.id = r.session_id
        WHERE r.robot_id = $1 AND r.active AND s.status = 'completed' AND s.ended_at <= $2
        ORDER BY s.ended_at, s.id`,
      [robotId, endedBy],
    );
    return rows.map((row) => ({ id: row.id, bayId: row.bay_id, endedAt: row.ended_at.getTime() }));
  }

  /** Sessions running now or that ran since `since`. */
  async runsSince(since: Date): Promise<Session[]> {
    const rows: SessionWithRobotsRow[] = await this.dataSource.query(
      `SELECT ${SESSION_COLUMNS} FROM training_sessions s
        WHERE s.started_at IS NOT NULL AND (s.ended_at IS NULL OR s.ended_at >= $1)`,
      [since],
    );
    return rows.map(toSession);
  }

  /** The bay's live bookings overlapping `[from, to)`, by start time. */
  async forBay(bayId: string, from: Date, to: Date, limit: number): Promise<Session[]> {
    const rows: SessionWithRobotsRow[] = await this.dataSource.query(
      `SELECT ${SESSION_COLUMNS} FROM training_sessions s
        WHERE s.bay_id = $1 AND s.status <> 'cancelled' AND s.ends_at > $2 AND s.starts_at < $3
        ORDER BY s.starts_at, s.id LIMIT $4`,
      [bayId, from, to, limit],
    );
    return rows.map(toSession);
  }
}

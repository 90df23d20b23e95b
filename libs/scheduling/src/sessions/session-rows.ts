import type { BookingConflict, Session } from '@app/contract';
import type { EntityManager } from 'typeorm';

/** A session row with its robots, as the queries below select it. */
export interface SessionRow {
  id: string;
  bay_id: string;
  kind: Session['kind'];
  status: Session['status'];
  task_keys: string[];
  starts_at: Date;
  ends_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  series_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  robot_ids: string[];
}

export const SESSION_COLUMNS = `s.id, s.bay_id, s.kind, s.status, s.task_keys, s.starts_at, s.ends_at, s.started_at,
  s.ended_at, s.series_id, s.note, s.created_by, s.created_at, s.updated_at,
  ARRAY(SELECT sr.robot_id FROM session_robots sr WHERE sr.session_id = s.id ORDER BY sr.position) AS robot_ids`;

export function presentSession(row: SessionRow, visibleRobots?: ReadonlySet<string>): Session {
  return {
    id: row.id,
    bayId: row.bay_id,
    robotIds: visibleRobots ? row.robot_ids.filter((id) => visibleRobots.has(id)) : row.robot_ids,
    taskKeys: row.task_keys,
    kind: row.kind,
    status: row.status,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    endedAt: row.ended_at?.toISOString() ?? null,
    seriesId: row.series_id,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function selectSessions(manager: EntityManager, ids: readonly string[]): Promise<SessionRow[]> {
  if (ids.length === 0) return [];
  return manager.query(
    `SELECT ${SESSION_COLUMNS} FROM training_sessions s WHERE s.id = ANY($1::uuid[]) ORDER BY s.starts_at, s.id`,
    [ids],
  );
}

export interface Window {
  startsAt: Date;
  endsAt: Date;
}

/** A conflict, with the index of the requested window it stands in the way of. */
export interface WindowConflict extends BookingConflict {
  window: number;
}

/** One window somebody wants booked: a bay and its robots for `[startsAt, endsAt)`. */
export interface WantedWindow extends Window {
  bayId: string;
  robotIds: readonly string[];
}

/**
 * The live bookings that overlap any of the windows, in the bay or for any of the robots (cancelled
 * sessions and `exceptSession` excluded). One indexed query for a whole recurring series.
 */
export function findConflicts(
  manager: EntityManager,
  bayId: string,
  robotIds: readonly string[],
  windows: readonly Window[],
  exceptSession: string | null = null,
): Promise<WindowConflict[]> {
  return findWindowConflicts(
    manager,
    windows.map((window) => ({ bayId, robotIds, ...window })),
    exceptSession,
  );
}

/**
 * The same for windows of different bays and robots (a batch of bookings): one query, whose
 * conflicts name the index of the window they stand in the way of.
 */
export async function findWindowConflicts(
  manager: EntityManager,
  wanted: readonly WantedWindow[],
  exceptSession: string | null = null,
): Promise<WindowConflict[]> {
  if (wanted.length === 0) return [];
  const robotWindows = wanted.flatMap((window, index) => window.robotIds.map(() => index));
  const rows: {
    window: number;
    session_id: string;
    bay_id: string | null;
    robot_id: string | null;
    starts_at: Date;
    ends_at: Date;
  }[] = await manager.query(
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

/** Serialises competing bookings of the same bay or robots (see field_lock_for_booking). */
export async function lockForBooking(
  manager: EntityManager,
  bayIds: readonly string[],
  robotIds: readonly string[],
): Promise<void> {
  await manager.query('SELECT field_lock_for_booking($1::uuid[], $2::uuid[])', [bayIds, robotIds]);
}

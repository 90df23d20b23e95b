import type { Session } from '@app/contract';
import type { SessionRobotsRow, TrainingSessionsRow } from '../rows.generated';

/** A session's row with its robots' ids in their order (session_robots.position). */
export type SessionWithRobotsRow = TrainingSessionsRow & { robot_ids: SessionRobotsRow['robot_id'][] };

export function toSession(row: SessionWithRobotsRow): Session {
  return {
    id: row.id,
    bayId: row.bay_id,
    robotIds: row.robot_ids,
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

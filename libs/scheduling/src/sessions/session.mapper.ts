import type { Session } from '@app/contract';

/** A session row with its robots, as SessionsRepository selects it. */
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

export function toSession(row: SessionRow): Session {
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

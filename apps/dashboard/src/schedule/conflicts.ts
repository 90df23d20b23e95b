import type { BookingConflict } from '@app/contract';
import { ApiError } from '../api/client';

/** What the board marks on a session in the way: the bay it shares, and the robots. */
export interface ConflictMark {
  bay: boolean;
  robotIds: string[];
}

const isConflict = (value: unknown): value is BookingConflict =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as BookingConflict).sessionId === 'string' &&
  typeof (value as BookingConflict).startsAt === 'string' &&
  typeof (value as BookingConflict).endsAt === 'string';

/** The sessions a 409 says are in the way; null for any other refusal (or a 409 naming none). */
export function bookingConflicts(error: unknown): BookingConflict[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const listed = (error.problem as { conflicts?: unknown }).conflicts;
  if (!Array.isArray(listed)) return null;
  const conflicts = listed.filter(isConflict);
  return conflicts.length > 0 ? conflicts : null;
}

export function conflictMarks(conflicts: readonly BookingConflict[]): Map<string, ConflictMark> {
  const marks = new Map<string, ConflictMark>();
  for (const conflict of conflicts) {
    const mark = marks.get(conflict.sessionId) ?? { bay: false, robotIds: [] };
    if (conflict.robotId) mark.robotIds.push(conflict.robotId);
    else mark.bay = true;
    marks.set(conflict.sessionId, mark);
  }
  return marks;
}

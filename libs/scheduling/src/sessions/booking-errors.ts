import type { BookingConflict } from '@app/contract';
import { conflict, DomainError } from '@app/platform';
import type { BookingProblems } from './booking-rules';
import type { WindowConflict } from './booking-window';

/** 422: the booking breaks one of the contract's rules (booking-rules.ts). */
export function unbookable(problems: BookingProblems): DomainError {
  return new DomainError('unprocessable', problems.detail, { errors: problems.errors });
}

/**
 * 409 listing the sessions in the way. A series names how many of its `windows` occurrences
 * conflict; anything else is one window.
 */
export function bookingConflict(conflicts: readonly WindowConflict[], windows: number, series: boolean): DomainError {
  const occurrences = new Set(conflicts.map((found) => found.window)).size;
  const detail = series
    ? `${occurrences} of the series' ${windows} occurrences conflict with existing bookings; nothing was booked`
    : 'the bay or a robot is already booked for an overlapping time';
  return conflict(detail, { conflicts: dedupeConflicts(conflicts.map(({ window: _window, ...rest }) => rest)) });
}

function dedupeConflicts(conflicts: readonly BookingConflict[]): BookingConflict[] {
  const seen = new Set<string>();
  return conflicts.filter((found) => {
    const key = `${found.sessionId}:${found.bayId ?? ''}:${found.robotId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

import type { WantedWindow } from './booking-window';

/** What became of one booking of a batch that nothing already stored stands in the way of. */
export type BatchVerdict =
  | { admitted: true }
  /** An earlier booking of the same batch took the bay or a robot for an overlapping time. */
  | { admitted: false; by: number; bayId?: string; robotId?: string };

/**
 * Admits the bookings of a batch in their order of arrival, as if each had been made alone: a
 * booking is refused when an earlier admitted one of the batch holds its bay or one of its robots
 * for an overlapping (half-open) window. `candidates` are the bookings the stored sessions leave
 * free; the others are answered before this is asked.
 */
export function admitInOrder(candidates: readonly WantedWindow[]): BatchVerdict[] {
  const admitted: number[] = [];
  return candidates.map((candidate, position) => {
    for (const index of admitted) {
      const earlier = candidates[index];
      if (!overlaps(earlier, candidate)) continue;
      if (earlier.bayId === candidate.bayId) return { admitted: false, by: index, bayId: candidate.bayId };
      const shared = candidate.robotIds.find((robotId) => earlier.robotIds.includes(robotId));
      if (shared) return { admitted: false, by: index, robotId: shared };
    }
    admitted.push(position);
    return { admitted: true };
  });
}

function overlaps(a: WantedWindow, b: WantedWindow): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

import type { BookingConflict } from '@app/contract';

export interface Window {
  startsAt: Date;
  endsAt: Date;
}

/** One window somebody wants booked: a bay and its robots for `[startsAt, endsAt)`. */
export interface WantedWindow extends Window {
  bayId: string;
  robotIds: readonly string[];
}

/** A conflict, with the index of the requested window it stands in the way of. */
export interface WindowConflict extends BookingConflict {
  window: number;
}

import { addDays, instantOf, mondayOf, startOfDay, type CalendarDay } from '@app/contract';

export type BoardView = 'day' | 'week';
export const BOARD_VIEWS: readonly BoardView[] = ['day', 'week'];

export interface BoardRange {
  view: BoardView;
  /** The first day shown (a Monday in the week view). */
  firstDay: CalendarDay;
  days: CalendarDay[];
  from: number;
  to: number;
}

export interface Tick {
  at: number;
  /** The day it belongs to, and the hour on the field's clock (0 for a day's start). */
  day: CalendarDay;
  hour: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export function boardRange(view: BoardView, day: CalendarDay, timeZone: string): BoardRange {
  const firstDay = view === 'week' ? mondayOf(day) : day;
  const days = Array.from({ length: view === 'week' ? 7 : 1 }, (_, index) => addDays(firstDay, index));
  return {
    view,
    firstDay,
    days,
    from: startOfDay(firstDay, timeZone),
    to: startOfDay(addDays(firstDay, days.length), timeZone),
  };
}

/** The column lines: every hour of the day, or every day of the week (with a faint line each six hours). */
export function ticks(range: BoardRange, timeZone: string): { major: Tick[]; minor: Tick[] } {
  const at = (day: CalendarDay, hour: number): Tick => {
    const [year, month, date] = day.split('-').map(Number);
    return { at: instantOf({ year, month, day: date, hour, minute: 0 }, timeZone), day, hour };
  };
  if (range.view === 'day') {
    return { major: Array.from({ length: 24 }, (_, hour) => at(range.firstDay, hour)), minor: [] };
  }
  return {
    major: range.days.map((day) => at(day, 0)),
    minor: range.days.flatMap((day) => [6, 12, 18].map((hour) => at(day, hour))),
  };
}

/** Where a window sits on the board, as fractions of its width; null when it lies outside. */
export function place(
  window: { startsAt: number; endsAt: number },
  range: Pick<BoardRange, 'from' | 'to'>,
): { left: number; width: number; clippedStart: boolean; clippedEnd: boolean } | null {
  if (window.endsAt <= range.from || window.startsAt >= range.to) return null;
  const span = range.to - range.from;
  const start = Math.max(window.startsAt, range.from);
  const end = Math.min(window.endsAt, range.to);
  return {
    left: (start - range.from) / span,
    width: (end - start) / span,
    clippedStart: window.startsAt < range.from,
    clippedEnd: window.endsAt > range.to,
  };
}

/**
 * Stacks overlapping windows of one row into lanes (first free lane, in start order). Live
 * bookings of a bay never overlap, but cancelled ones and a proposed booking may.
 */
export function assignLanes<T extends { id: string; startsAt: number; endsAt: number }>(
  items: readonly T[],
): { lanes: Map<string, number>; count: number } {
  const sorted = [...items].sort((a, b) => a.startsAt - b.startsAt || a.endsAt - b.endsAt);
  const laneEnds: number[] = [];
  const lanes = new Map<string, number>();
  for (const item of sorted) {
    let lane = laneEnds.findIndex((end) => end <= item.startsAt);
    if (lane === -1) lane = laneEnds.push(item.endsAt) - 1;
    else laneEnds[lane] = item.endsAt;
    lanes.set(item.id, lane);
  }
  return { lanes, count: Math.max(1, laneEnds.length) };
}

/** How finely a click or a drag places a time: quarter hours by day, hours by week. */
export function snapStepMs(view: BoardView): number {
  return view === 'day' ? 15 * MINUTE_MS : HOUR_MS;
}

export function snap(ms: number, stepMs: number): number {
  return Math.round(ms / stepMs) * stepMs;
}

/** The instant under a horizontal position (a fraction of the board's width), snapped down. */
export function instantAt(fraction: number, range: Pick<BoardRange, 'from' | 'to'>, stepMs: number): number {
  const clamped = Math.min(1, Math.max(0, fraction));
  const at = range.from + clamped * (range.to - range.from);
  return range.from + Math.floor((at - range.from) / stepMs) * stepMs;
}

/** The booking a click on an empty slot proposes: an hour from the half hour (day view) or hour (week view) under it. */
export function proposedWindow(fraction: number, range: BoardRange): { startsAt: number; endsAt: number } {
  const startsAt = instantAt(fraction, range, range.view === 'day' ? 30 * MINUTE_MS : HOUR_MS);
  return { startsAt, endsAt: startsAt + HOUR_MS };
}

/**
 * Calendar arithmetic on the field's wall clock, whatever the machine's own time zone: a day on
 * the schedule board starts at midnight in Mianyang, also for an engineer browsing from abroad,
 * and "every Monday at 09:00" recurs at 09:00 there across daylight-saving changes.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type CalendarDay = string;

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const DAY_MS = 24 * 3600 * 1000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

function wallTimeOf(epochMs: number, timeZone: string): WallTime & { second: number } {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/**
 * The zone's wall clock at an instant as a "floating" time: the epoch ms at which UTC's clock
 * shows the same, milliseconds kept. Recurrence rules are expanded in floating time.
 */
export function floatingOf(epochMs: number, timeZone: string): number {
  const wall = wallTimeOf(epochMs, timeZone);
  const millisecond = epochMs - Math.floor(epochMs / 1000) * 1000;
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, millisecond);
}

/**
 * The instant at which the zone's clock shows a floating time. A time skipped by a daylight-saving
 * jump comes out shifted forward by the jump; a repeated one as its second occurrence.
 */
export function instantOfFloating(floatingMs: number, timeZone: string): number {
  const offsetAt = (epochMs: number) => floatingOf(epochMs, timeZone) - epochMs;
  return floatingMs - offsetAt(floatingMs - offsetAt(floatingMs));
}

/** The instant at which the zone's clock shows this wall time (see instantOfFloating). */
export function instantOf(wall: WallTime, timeZone: string): number {
  return instantOfFloating(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute), timeZone);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

export function dayOf(epochMs: number, timeZone: string): CalendarDay {
  const wall = wallTimeOf(epochMs, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** `HH:mm` on the zone's clock. */
export function clockOf(epochMs: number, timeZone: string): string {
  const wall = wallTimeOf(epochMs, timeZone);
  return `${pad(wall.hour)}:${pad(wall.minute)}`;
}

export function isCalendarDay(text: string | null | undefined): text is CalendarDay {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parts(day: CalendarDay): [number, number, number] {
  const [year, month, date] = day.split('-').map(Number);
  return [year, month, date];
}

export function addDays(day: CalendarDay, days: number): CalendarDay {
  const [year, month, date] = parts(day);
  const shifted = new Date(Date.UTC(year, month - 1, date) + days * DAY_MS);
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** 0 = Monday … 6 = Sunday, as weeks are counted in China. */
export function weekdayOf(day: CalendarDay): number {
  const [year, month, date] = parts(day);
  return (new Date(Date.UTC(year, month - 1, date)).getUTCDay() + 6) % 7;
}

export function mondayOf(day: CalendarDay): CalendarDay {
  return addDays(day, -weekdayOf(day));
}

/** The instant the zone's day begins (its midnight). */
export function startOfDay(day: CalendarDay, timeZone: string): number {
  const [year, month, date] = parts(day);
  return instantOf({ year, month, day: date, hour: 0, minute: 0 }, timeZone);
}

/** `YYYY-MM-DDTHH:mm` read as the zone's wall clock. */
export function instantOfLocal(text: string, timeZone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(text);
  if (!match) throw new Error(`not a wall time: ${text}`);
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  return instantOf({ year, month, day, hour, minute }, timeZone);
}

/** The instant as `YYYY-MM-DDTHH:mm` on the zone's clock (what a date-time input shows). */
export function localOf(epochMs: number, timeZone: string): string {
  return `${dayOf(epochMs, timeZone)}T${clockOf(epochMs, timeZone)}`;
}

/** `HH:mm:ss` on the zone's clock, for event logs. */
export function timeOf(epochMs: number, timeZone: string): string {
  const wall = wallTimeOf(epochMs, timeZone);
  return `${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
}

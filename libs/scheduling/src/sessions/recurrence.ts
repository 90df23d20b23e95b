import { RRule } from 'rrule';

export const MAX_OCCURRENCES = 100;

export interface Occurrence {
  startsAt: Date;
  endsAt: Date;
}

export type Expansion = { ok: true; occurrences: Occurrence[] } | { ok: false; message: string };

/**
 * Expands an RFC 5545 RRULE from the first booking's window. The rule is read in the field's time
 * zone, as a person means it ("every Monday at 09:00" in Mianyang), not in UTC; each occurrence keeps
 * the first booking's duration. Only bounded rules (COUNT or UNTIL, at most 100 occurrences) are taken.
 */
export function expandRecurrence(rule: string, first: Occurrence, timeZone: string): Expansion {
  const text = rule.trim().replace(/^RRULE:/i, '');
  if (/[\r\n]/.test(text) || /(^|;)DTSTART/i.test(text)) {
    return { ok: false, message: 'must be a single RRULE without DTSTART (the session’s startsAt is the start)' };
  }
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(text);
  } catch (error) {
    return { ok: false, message: `is not a valid RRULE (${(error as Error).message})` };
  }
  if (options.freq === undefined || options.freq === null) return { ok: false, message: 'needs a FREQ' };
  if (!options.count && !options.until) return { ok: false, message: 'needs COUNT or UNTIL' };
  if (options.count && options.count > MAX_OCCURRENCES) {
    return { ok: false, message: `may have at most ${MAX_OCCURRENCES} occurrences` };
  }
  const duration = first.endsAt.getTime() - first.startsAt.getTime();
  const expanded = new RRule({
    ...options,
    dtstart: wallClock(first.startsAt, timeZone),
    until: options.until ? wallClock(options.until, timeZone) : null,
    tzid: null,
  }).all((_date, index) => index <= MAX_OCCURRENCES);
  if (expanded.length > MAX_OCCURRENCES) {
    return { ok: false, message: `may have at most ${MAX_OCCURRENCES} occurrences` };
  }
  if (expanded.length === 0) return { ok: false, message: 'produces no occurrence' };
  const occurrences = expanded.map((wall) => {
    const startsAt = fromWallClock(wall, timeZone);
    return { startsAt, endsAt: new Date(startsAt.getTime() + duration) };
  });
  // Occurrences come out in time order, so overlapping ones are neighbours.
  if (occurrences.some((occurrence, i) => i > 0 && occurrence.startsAt < occurrences[i - 1].endsAt)) {
    return {
      ok: false,
      message: 'has occurrences that overlap each other: each lasts longer than the gap between them',
    };
  }
  return { ok: true, occurrences };
}

/** The wall-clock time of an instant in a time zone, as a Date whose UTC fields hold it ("floating"). */
export function wallClock(instant: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return new Date(
    Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
      instant.getUTCMilliseconds(),
    ),
  );
}

/** The instant at which a time zone's clocks show a wall-clock time (the later one across a DST fold). */
export function fromWallClock(wall: Date, timeZone: string): Date {
  const offsetAt = (instant: number) => wallClock(new Date(instant), timeZone).getTime() - instant;
  let instant = wall.getTime() - offsetAt(wall.getTime());
  const corrected = wall.getTime() - offsetAt(instant);
  if (corrected !== instant) instant = corrected;
  return new Date(instant);
}

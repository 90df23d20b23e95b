import { floatingOf, instantOfFloating } from '@app/contract';
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
    dtstart: new Date(floatingOf(first.startsAt.getTime(), timeZone)),
    until: options.until ? new Date(floatingOf(options.until.getTime(), timeZone)) : null,
    tzid: null,
  }).all((_date, index) => index <= MAX_OCCURRENCES);
  if (expanded.length > MAX_OCCURRENCES) {
    return { ok: false, message: `may have at most ${MAX_OCCURRENCES} occurrences` };
  }
  if (expanded.length === 0) return { ok: false, message: 'produces no occurrence' };
  const occurrences = expanded.map((wall) => {
    const startsAt = new Date(instantOfFloating(wall.getTime(), timeZone));
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

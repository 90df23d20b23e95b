import {
  addDays,
  clockOf,
  dayOf,
  floatingOf,
  instantOfFloating,
  instantOfLocal,
  isCalendarDay,
  localOf,
  mondayOf,
  startOfDay,
  timeOf,
  weekdayOf,
} from './field-time';

describe("the field's wall clock", () => {
  it("starts Mianyang's day at its own midnight, eight hours before UTC's", () => {
    expect(new Date(startOfDay('2026-03-02', 'Asia/Shanghai')).toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(dayOf(Date.parse('2026-03-01T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-02');
    expect(dayOf(Date.parse('2026-03-01T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-03-01');
  });

  it('reads and writes wall times in the zone, across daylight-saving changes too', () => {
    const ten = instantOfLocal('2026-03-02T10:30', 'Asia/Shanghai');
    expect(new Date(ten).toISOString()).toBe('2026-03-02T02:30:00.000Z');
    expect(localOf(ten, 'Asia/Shanghai')).toBe('2026-03-02T10:30');
    expect(clockOf(ten, 'UTC')).toBe('02:30');
    expect(timeOf(ten + 7_000, 'Asia/Shanghai')).toBe('10:30:07');
    // Berlin moves from UTC+1 to UTC+2 on 29 March 2026: that day has 23 hours.
    const day = startOfDay('2026-03-29', 'Europe/Berlin');
    expect(startOfDay('2026-03-30', 'Europe/Berlin') - day).toBe(23 * 3600 * 1000);
    expect(localOf(instantOfLocal('2026-03-29T12:00', 'Europe/Berlin'), 'Europe/Berlin')).toBe('2026-03-29T12:00');
  });

  it('round-trips instants, milliseconds and all, through floating time', () => {
    for (const iso of ['2026-12-07T01:00:00.000Z', '2026-07-01T12:34:56.789Z']) {
      const instant = Date.parse(iso);
      expect(new Date(instantOfFloating(floatingOf(instant, 'Europe/Berlin'), 'Europe/Berlin')).toISOString()).toBe(
        iso,
      );
      expect(floatingOf(instant, 'Asia/Shanghai') - instant).toBe(8 * 3600 * 1000);
    }
  });

  it('counts days and weeks from Monday', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(weekdayOf('2026-03-02')).toBe(0);
    expect(weekdayOf('2026-03-08')).toBe(6);
    expect(mondayOf('2026-03-08')).toBe('2026-03-02');
  });

  it('accepts only real calendar days', () => {
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2026-02-30')).toBe(false);
    expect(isCalendarDay('2026-2-3')).toBe(false);
    expect(isCalendarDay(null)).toBe(false);
  });
});

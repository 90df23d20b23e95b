import { assignLanes, boardRange, instantAt, place, proposedWindow, snap, ticks } from './board-geometry';

const TZ = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);

describe('the schedule board geometry', () => {
  it("spans one field day, or the field week from Monday, on the field's clock", () => {
    const day = boardRange('day', '2026-03-04', TZ);
    expect(new Date(day.from).toISOString()).toBe('2026-03-03T16:00:00.000Z');
    expect(day.to - day.from).toBe(24 * 3600_000);
    const week = boardRange('week', '2026-03-04', TZ);
    expect(week.firstDay).toBe('2026-03-02');
    expect(week.days).toHaveLength(7);
    expect(week.to - week.from).toBe(7 * 24 * 3600_000);
    expect(ticks(day, TZ).major.map((tick) => tick.hour)).toEqual([...Array(24).keys()]);
    expect(ticks(week, TZ).major.map((tick) => tick.day)).toEqual(week.days);
    expect(ticks(week, TZ).minor).toHaveLength(21);
  });

  it('places a window as fractions of the range, clipped at its edges', () => {
    const range = { from: 0, to: 1000 };
    expect(place({ startsAt: 250, endsAt: 500 }, range)).toEqual({
      left: 0.25,
      width: 0.25,
      clippedStart: false,
      clippedEnd: false,
    });
    expect(place({ startsAt: -100, endsAt: 100 }, range)).toMatchObject({ left: 0, width: 0.1, clippedStart: true });
    expect(place({ startsAt: 900, endsAt: 1100 }, range)).toMatchObject({ width: 0.1, clippedEnd: true });
    // Half-open windows: one ending where the range starts is not on it.
    expect(place({ startsAt: -100, endsAt: 0 }, range)).toBeNull();
    expect(place({ startsAt: 1000, endsAt: 1100 }, range)).toBeNull();
  });

  it('stacks only overlapping windows into further lanes; back-to-back ones share a lane', () => {
    const { lanes, count } = assignLanes([
      { id: 'a', startsAt: 0, endsAt: 10 },
      { id: 'b', startsAt: 10, endsAt: 20 },
      { id: 'c', startsAt: 5, endsAt: 15 },
      { id: 'd', startsAt: 15, endsAt: 30 },
    ]);
    expect(Object.fromEntries(lanes)).toEqual({ a: 0, c: 1, b: 0, d: 1 });
    expect(count).toBe(2);
    expect(assignLanes([]).count).toBe(1);
  });

  it('snaps clicks and drags to quarter hours by day and to hours by week', () => {
    const day = boardRange('day', '2026-03-04', TZ);
    const tenPastTen = (10 * 60 + 10) / (24 * 60);
    expect(new Date(instantAt(tenPastTen, day, 15 * 60_000)).toISOString()).toBe('2026-03-04T02:00:00.000Z');
    expect(proposedWindow(tenPastTen, day)).toEqual({
      startsAt: at('2026-03-04T02:00:00Z'),
      endsAt: at('2026-03-04T03:00:00Z'),
    });
    const week = boardRange('week', '2026-03-04', TZ);
    // Wednesday 15:40 in the week view: the booking starts at 15:00.
    const wednesday = (2 * 24 + 15 + 40 / 60) / (7 * 24);
    expect(new Date(proposedWindow(wednesday, week).startsAt).toISOString()).toBe('2026-03-04T07:00:00.000Z');
    expect(snap(7 * 60_000, 15 * 60_000)).toBe(0);
    expect(snap(8 * 60_000, 15 * 60_000)).toBe(15 * 60_000);
  });
});

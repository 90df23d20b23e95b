import { expandRecurrence } from './recurrence';

const SHANGHAI = 'Asia/Shanghai';
const first = { startsAt: new Date('2026-12-07T01:00:00Z'), endsAt: new Date('2026-12-07T03:00:00Z') }; // Mon 09:00–11:00 in Mianyang

const starts = (rule: string, timeZone = SHANGHAI, from = first) => {
  const expansion = expandRecurrence(rule, from, timeZone);
  if (!expansion.ok) throw new Error(expansion.message);
  return expansion.occurrences.map((occurrence) => occurrence.startsAt.toISOString());
};

describe('expandRecurrence', () => {
  it('books COUNT occurrences, each as long as the first', () => {
    const expansion = expandRecurrence('FREQ=DAILY;COUNT=3', first, SHANGHAI);
    expect(expansion).toEqual({
      ok: true,
      occurrences: [
        { startsAt: new Date('2026-12-07T01:00:00Z'), endsAt: new Date('2026-12-07T03:00:00Z') },
        { startsAt: new Date('2026-12-08T01:00:00Z'), endsAt: new Date('2026-12-08T03:00:00Z') },
        { startsAt: new Date('2026-12-09T01:00:00Z'), endsAt: new Date('2026-12-09T03:00:00Z') },
      ],
    });
  });

  it('stops at UNTIL, inclusive', () => {
    expect(starts('FREQ=DAILY;UNTIL=20261209T010000Z')).toEqual([
      '2026-12-07T01:00:00.000Z',
      '2026-12-08T01:00:00.000Z',
      '2026-12-09T01:00:00.000Z',
    ]);
  });

  it('reads BYDAY in the field’s time zone: an early-morning Monday in Mianyang is Sunday in UTC', () => {
    const early = { startsAt: new Date('2026-12-06T23:00:00Z'), endsAt: new Date('2026-12-07T00:00:00Z') }; // Mon 07:00 CST
    expect(starts('FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3', SHANGHAI, early)).toEqual([
      '2026-12-06T23:00:00.000Z',
      '2026-12-08T23:00:00.000Z',
      '2026-12-13T23:00:00.000Z',
    ]);
  });

  it('keeps the wall-clock time across a daylight-saving change', () => {
    const berlin = { startsAt: new Date('2026-03-28T08:00:00Z'), endsAt: new Date('2026-03-28T09:00:00Z') }; // 09:00 CET
    expect(starts('FREQ=DAILY;COUNT=2', 'Europe/Berlin', berlin)).toEqual([
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z', // 09:00 CEST
    ]);
  });

  it.each([
    ['FREQ=DAILY', 'needs COUNT or UNTIL'],
    ['FREQ=DAILY;COUNT=101', 'may have at most 100 occurrences'],
    ['FREQ=HOURLY;UNTIL=20271231T000000Z', 'may have at most 100 occurrences'],
    ['COUNT=3', 'needs a FREQ'],
    ['FREQ=DAILY;BOGUS=1;COUNT=2', /is not a valid RRULE/],
    ['DTSTART:20261207T010000Z\nRRULE:FREQ=DAILY;COUNT=2', /without DTSTART/],
    ['FREQ=HOURLY;COUNT=3', /overlap each other/],
    ['FREQ=DAILY;UNTIL=20261201T000000Z', 'produces no occurrence'],
  ])('refuses %j: %s', (rule, message) => {
    const expansion = expandRecurrence(rule, first, SHANGHAI);
    expect(expansion.ok).toBe(false);
    if (!expansion.ok) expect(expansion.message).toMatch(message);
  });

  it('accepts exactly 100 occurrences and an RRULE: prefix', () => {
    expect(starts('RRULE:FREQ=DAILY;COUNT=100')).toHaveLength(100);
  });
});

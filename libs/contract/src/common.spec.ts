import { storableTimestamp, Timestamp } from './common';

describe('Timestamp', () => {
  it('takes what PostgreSQL takes: offsets below ±16:00, years from 0001', () => {
    for (const value of [
      '2026-02-15T20:20:54Z',
      '2026-02-15T20:20:54+15:59',
      '2026-02-15T20:20:54.123-15:59',
      '0001-01-01T00:00:00Z',
    ]) {
      expect({ value, ok: Timestamp.safeParse(value).success }).toEqual({ value, ok: true });
    }
  });

  it('refuses offsets of ±16:00 and more, and year 0000, which the ISO pattern allows', () => {
    for (const value of ['2026-02-15T20:20:54+21:05', '2026-02-15T20:20:54-16:00', '0000-01-01T00:00:00Z']) {
      expect(storableTimestamp(value)).toBe(false);
      expect({ value, ok: Timestamp.safeParse(value).success }).toEqual({ value, ok: false });
    }
  });
});

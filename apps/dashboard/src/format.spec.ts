import { formatDateTime, formatNumber, formatWindow } from './format';

describe('formatDateTime', () => {
  it("shows the field's wall clock, whatever the offset of the timestamp", () => {
    expect(formatDateTime('2026-03-01T16:30:00Z', 'Asia/Shanghai')).toBe('2026-03-02 00:30');
    expect(formatDateTime('2026-03-02T00:30:00+08:00', 'Asia/Shanghai')).toBe('2026-03-02 00:30');
    expect(formatDateTime('2026-03-01T16:30:00Z', 'Europe/Berlin')).toBe('2026-03-01 17:30');
  });

  it('uses 00 for midnight, never 24', () => {
    expect(formatDateTime('2026-06-30T16:00:00Z', 'Asia/Shanghai')).toBe('2026-07-01 00:00');
  });
});

describe('formatWindow', () => {
  it('names the date once for a window within one field day, and twice across midnight', () => {
    expect(formatWindow('2026-03-02T02:00:00Z', '2026-03-02T03:30:00Z', 'Asia/Shanghai')).toBe(
      '2026-03-02 10:00–11:30',
    );
    expect(formatWindow('2026-03-02T14:00:00Z', '2026-03-02T17:00:00Z', 'Asia/Shanghai')).toBe(
      '2026-03-02 22:00 – 2026-03-03 01:00',
    );
  });
});

describe('formatNumber', () => {
  it('groups whole numbers and keeps the digits that matter for fractions', () => {
    expect(formatNumber(100000)).toBe('100,000');
    expect(formatNumber(0.879823)).toBe('0.8798');
    expect(formatNumber(0.00031)).toBe('0.0003');
    expect(formatNumber(35.3333)).toBe('35.33');
    expect(formatNumber(163.87)).toBe('163.9');
    expect(formatNumber(-0.5)).toBe('-0.5');
  });
});

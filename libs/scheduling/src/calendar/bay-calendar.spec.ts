import type { Session } from '@app/contract';
import { buildBayCalendar } from './bay-calendar';

const session = (overrides: Partial<Session>): Session => ({
  id: '01a224b4-f49a-7b96-8699-44c95c136d7a',
  bayId: 'bay',
  robotIds: ['r1', 'r2'],
  taskKeys: ['pick_place', 'guide_tour'],
  kind: 'drill',
  status: 'scheduled',
  startsAt: '2026-12-07T01:00:00.000Z',
  endsAt: '2026-12-07T03:30:00.000Z',
  startedAt: null,
  endedAt: null,
  seriesId: null,
  note: null,
  createdBy: null,
  createdAt: '2026-11-29T00:00:00.000Z',
  updatedAt: '2026-11-29T00:00:10.000Z',
  ...overrides,
});

describe('buildBayCalendar', () => {
  const names = new Map([
    ['r1', '行者一号 (SN-1)'],
    ['r2', 'Spot (SN-2)'],
  ]);
  const text = buildBayCalendar(
    { id: 'bay', code: '1F-A', name: '导览导购实训区' },
    [session({}), session({ id: '01a224b4-0000-7000-8000-000000000000', status: 'cancelled' })],
    names,
    'field.example.cn',
  );
  const unfolded = text.replace(/\r\n[ \t]/g, '');

  it('is an RFC 5545 calendar with CRLF line endings and lines of at most 75 octets', () => {
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('has one VEVENT per non-cancelled session with UID, DTSTAMP and UTC DTSTART/DTEND', () => {
    expect(unfolded.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(unfolded).toContain('UID:01a224b4-f49a-7b96-8699-44c95c136d7a@field.example.cn');
    expect(unfolded).toContain('DTSTAMP:20261129T000010Z');
    expect(unfolded).toContain('DTSTART:20261207T010000Z');
    expect(unfolded).toContain('DTEND:20261207T033000Z');
    expect(unfolded).toContain('SEQUENCE:10');
  });

  it('summarises the kind, the robots by name and the tasks', () => {
    expect(unfolded).toContain('SUMMARY:协同演练 Drill: 行者一号 (SN-1)\\, Spot (SN-2) — pick_place\\, guide_tour');
  });
});

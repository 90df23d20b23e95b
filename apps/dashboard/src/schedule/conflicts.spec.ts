import { ApiError } from '../api/client';
import { bookingConflicts, conflictMarks } from './conflicts';

const refusal = (status: number, extra: Record<string, unknown> = {}) =>
  new ApiError({ type: 'about:blank', title: 'Conflict', status, detail: 'taken', ...extra } as never);

describe('booking conflicts', () => {
  const bay = { sessionId: 's1', bayId: 'b1', startsAt: '2026-03-02T02:00:00Z', endsAt: '2026-03-02T03:00:00Z' };
  const robot = { sessionId: 's2', robotId: 'r1', startsAt: '2026-03-02T02:30:00Z', endsAt: '2026-03-02T04:00:00Z' };

  it('reads the sessions in the way from a 409, and nothing from other refusals', () => {
    expect(bookingConflicts(refusal(409, { conflicts: [bay, robot, { bogus: true }] }))).toEqual([bay, robot]);
    expect(bookingConflicts(refusal(409))).toBeNull();
    expect(bookingConflicts(refusal(409, { conflicts: [] }))).toBeNull();
    expect(bookingConflicts(refusal(422, { conflicts: [bay] }))).toBeNull();
    expect(bookingConflicts(new Error('boom'))).toBeNull();
  });

  it('marks each session once, with the bay and every robot it shares', () => {
    const marks = conflictMarks([bay, robot, { ...robot, robotId: 'r2' }]);
    expect(marks.get('s1')).toEqual({ bay: true, robotIds: [] });
    expect(marks.get('s2')).toEqual({ bay: false, robotIds: ['r1', 'r2'] });
  });
});

import { BayFacts, bookingProblems, BookingRequest, RobotFacts } from './booking-rules';

const bay: BayFacts = { id: 'bay', code: '1F-A', status: 'open', capacity: 2 };
const robot = (id: string, status: RobotFacts['status'] = 'enrolled'): RobotFacts => ({
  id,
  name: `robot ${id}`,
  serialNumber: `SN-${id}`,
  status,
});
const request = (overrides: Partial<BookingRequest> = {}): BookingRequest => ({
  kind: 'training',
  robotIds: ['a'],
  startsAt: new Date('2026-12-01T01:00:00Z'),
  endsAt: new Date('2026-12-01T03:00:00Z'),
  ...overrides,
});

describe('booking rules', () => {
  it('accepts an open bay, enrolled robots within capacity and a forward window', () => {
    expect(bookingProblems(request({ robotIds: ['a', 'b'] }), bay, [robot('a'), robot('b')])).toBeNull();
  });

  it('refuses a window that does not end after it starts (equal counts as empty)', () => {
    const problems = bookingProblems(request({ endsAt: new Date('2026-12-01T01:00:00Z') }), bay, [robot('a')]);
    expect(problems?.errors).toEqual([{ field: 'endsAt', message: 'must be after startsAt' }]);
  });

  it('needs two robots for a drill', () => {
    expect(bookingProblems(request({ kind: 'drill' }), bay, [robot('a')])?.errors).toEqual([
      { field: 'robotIds', message: 'a drill needs at least 2 robots' },
    ]);
    expect(bookingProblems(request({ kind: 'drill', robotIds: ['a', 'b'] }), bay, [robot('a'), robot('b')])).toBeNull();
  });

  it('refuses more robots than the bay holds, and a bay in maintenance', () => {
    const problems = bookingProblems(request({ robotIds: ['a', 'b', 'c'] }), { ...bay, status: 'maintenance' }, [
      robot('a'),
      robot('b'),
      robot('c'),
    ]);
    expect(problems?.errors).toEqual([
      { field: 'bayId', message: 'is in maintenance' },
      { field: 'robotIds', message: "exceeds the bay's capacity of 2" },
    ]);
    expect(problems?.detail).toBe('bay 1F-A is in maintenance; bay 1F-A holds at most 2 robot(s), not 3');
  });

  it('names each robot that is missing or not enrolled by its position', () => {
    const problems = bookingProblems(request({ robotIds: ['a', 'x', 'c'] }), { ...bay, capacity: 5 }, [
      robot('a', 'graduated'),
      robot('c'),
    ]);
    expect(problems?.errors).toEqual([
      { field: 'robotIds[0]', message: 'is graduated, not enrolled' },
      { field: 'robotIds[1]', message: 'names no robot' },
    ]);
    expect(problems?.detail).toContain('robot robot a (SN-a) is graduated, not enrolled');
  });

  it('reports a missing bay', () => {
    expect(bookingProblems(request(), null, [robot('a')])?.errors).toEqual([
      { field: 'bayId', message: 'names no bay' },
    ]);
  });
});

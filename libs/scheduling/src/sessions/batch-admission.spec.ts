import { admitInOrder } from './batch-admission';

const at = (hour: number) => new Date(Date.UTC(2030, 0, 7, hour));
const booking = (bayId: string, robotIds: string[], from: number, to: number) => ({
  bayId,
  robotIds,
  startsAt: at(from),
  endsAt: at(to),
});

describe('admitInOrder', () => {
  it('admits the first of several bookings of one bay for one hour and names it to the others', () => {
    const verdicts = admitInOrder([
      booking('bay', ['r1'], 1, 2),
      booking('bay', ['r2'], 1, 2),
      booking('bay', ['r3'], 1, 2),
    ]);
    expect(verdicts).toEqual([
      { admitted: true },
      { admitted: false, by: 0, bayId: 'bay' },
      { admitted: false, by: 0, bayId: 'bay' },
    ]);
  });

  it('refuses a robot booked twice for overlapping time in different bays', () => {
    const verdicts = admitInOrder([booking('a', ['r1', 'r2'], 1, 3), booking('b', ['r3', 'r2'], 2, 4)]);
    expect(verdicts).toEqual([{ admitted: true }, { admitted: false, by: 0, robotId: 'r2' }]);
  });

  it('admits back-to-back windows, other bays and other robots', () => {
    const verdicts = admitInOrder([
      booking('bay', ['r1'], 1, 2),
      booking('bay', ['r1'], 2, 3),
      booking('other', ['r2'], 1, 3),
    ]);
    expect(verdicts.every((verdict) => verdict.admitted)).toBe(true);
  });

  it('does not let a refused booking stand in the way of later ones', () => {
    const verdicts = admitInOrder([
      booking('a', ['r1'], 1, 3),
      booking('a', ['r2'], 2, 4),
      // Would clash with the refused second booking's robot, not with anything admitted.
      booking('b', ['r2'], 2, 4),
    ]);
    expect(verdicts).toEqual([{ admitted: true }, { admitted: false, by: 0, bayId: 'a' }, { admitted: true }]);
  });

  it('answers nothing for an empty batch', () => {
    expect(admitInOrder([])).toEqual([]);
  });
});

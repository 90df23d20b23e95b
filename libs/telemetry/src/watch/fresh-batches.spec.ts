import { FreshBatches } from './fresh-batches';

describe('FreshBatches', () => {
  it('admits a key once per robot, in any order', () => {
    const fresh = new FreshBatches();
    expect(fresh.admit('a', '5')).toBe(true);
    expect(fresh.admit('a', '3')).toBe(true);
    expect(fresh.admit('a', '5')).toBe(false);
    expect(fresh.admit('b', '5')).toBe(true);
    expect(fresh.admit('a', '3')).toBe(false);
  });

  it('remembers only the last keys of each robot', () => {
    const fresh = new FreshBatches(3);
    for (const seq of [1, 2, 3, 4]) expect(fresh.admit('a', String(seq))).toBe(true);
    // 1 fell out of the window; 2..4 are still known.
    expect(fresh.admit('a', '1')).toBe(true);
    expect(fresh.admit('a', '3')).toBe(false);
    expect(fresh.admit('a', '4')).toBe(false);
    expect(fresh.admit('a', '2')).toBe(true);
  });

  it('forgets the robot heard from least recently first', () => {
    const fresh = new FreshBatches(8, 2);
    fresh.admit('a', '1');
    fresh.admit('b', '1');
    fresh.admit('a', '2');
    fresh.admit('c', '1');
    expect(fresh.admit('a', '1')).toBe(false);
    expect(fresh.admit('b', '1')).toBe(true);
  });
});

import { SessionRuns, withinLateGrace } from './session-runs';

describe('withinLateGrace', () => {
  it('admits samples while the run lasts, and until the grace after its end', () => {
    expect(withinLateGrace(null, 10_000_000, 0)).toBe(true);
    expect(withinLateGrace(5_000, 4_000, 600_000)).toBe(true);
    expect(withinLateGrace(5_000, 605_000, 600_000)).toBe(true);
    expect(withinLateGrace(5_000, 605_001, 600_000)).toBe(false);
    expect(withinLateGrace(5_000, 5_000, 0)).toBe(true);
    expect(withinLateGrace(5_000, 5_001, 0)).toBe(false);
  });
});

describe('SessionRuns', () => {
  const GRACE_MS = 60_000;
  const runs = () => new SessionRuns(GRACE_MS);
  /** Arriving right away, well within the grace of any run below. */
  const NOW = 2_500;

  it('attributes a timestamp to the run containing it, from start to end inclusive', () => {
    const view = runs();
    view.upsert({ sessionId: 's1', bayId: 'b1', robotIds: ['r1', 'r2'], startedAt: 1000, endedAt: 2000 });
    expect(view.at('r1', 999, NOW)).toBeNull();
    expect(view.at('r1', 1000, NOW)).toEqual({ sessionId: 's1', bayId: 'b1', endedAt: 2000 });
    expect(view.at('r2', 2000, NOW)).toEqual({ sessionId: 's1', bayId: 'b1', endedAt: 2000 });
    expect(view.at('r1', 2001, NOW)).toBeNull();
    expect(view.at('r3', 1500, NOW)).toBeNull();
  });

  it('keeps a running session open-ended, and follows it when it ends', () => {
    const view = runs();
    view.upsert({ sessionId: 's1', bayId: 'b1', robotIds: ['r1'], startedAt: 1000, endedAt: null });
    expect(view.at('r1', 10_000_000, 10_000_000)).toEqual({ sessionId: 's1', bayId: 'b1', endedAt: null });
    view.upsert({ sessionId: 's1', bayId: 'b1', robotIds: ['r1'], startedAt: 1000, endedAt: 5000 });
    expect(view.at('r1', 6000, 6000)).toBeNull();
    expect(view.at('r1', 4000, 6000)).toEqual({ sessionId: 's1', bayId: 'b1', endedAt: 5000 });
  });

  it('attributes a late sample only while it arrives within the grace of the run’s end', () => {
    const view = runs();
    view.upsert({ sessionId: 's1', bayId: 'b1', robotIds: ['r1'], startedAt: 1000, endedAt: 5000 });
    expect(view.at('r1', 4000, 5000 + GRACE_MS)?.sessionId).toBe('s1');
    expect(view.at('r1', 4000, 5000 + GRACE_MS + 1)).toBeNull();
  });

  it('lets a later run take a sample an overlapping run past its grace no longer may', () => {
    const view = runs();
    view.upsert({ sessionId: 'old', bayId: 'b1', robotIds: ['r1'], startedAt: 1000, endedAt: 9000 });
    view.upsert({ sessionId: 'new', bayId: 'b2', robotIds: ['r1'], startedAt: 500, endedAt: null });
    expect(view.at('r1', 2000, 3000)?.sessionId).toBe('old');
    expect(view.at('r1', 2000, 9000 + GRACE_MS + 1)?.sessionId).toBe('new');
  });

  it('prefers the later run where a robot’s runs overlap', () => {
    const view = runs();
    view.upsert({ sessionId: 'old', bayId: 'b1', robotIds: ['r1'], startedAt: 1000, endedAt: null });
    view.upsert({ sessionId: 'new', bayId: 'b2', robotIds: ['r1'], startedAt: 3000, endedAt: null });
    expect(view.at('r1', 2000, 5000)?.sessionId).toBe('old');
    expect(view.at('r1', 4000, 5000)?.sessionId).toBe('new');
  });

  it('forgets sessions that stop being runs, and prunes runs past their grace', () => {
    const view = runs();
    view.upsert({ sessionId: 's1', bayId: 'b1', robotIds: ['r1'], startedAt: 1000, endedAt: 2000 });
    view.upsert({ sessionId: 's2', bayId: 'b1', robotIds: ['r1'], startedAt: 3000, endedAt: null });
    view.upsert({ sessionId: 's2', startedAt: null });
    expect(view.at('r1', 3500, NOW)).toBeNull();
    view.prune(2000 + GRACE_MS);
    expect(view.size).toBe(1);
    view.prune(2000 + GRACE_MS + 1);
    expect(view.at('r1', 1500, NOW)).toBeNull();
    expect(view.size).toBe(0);
  });
});

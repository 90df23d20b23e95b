import { SessionRuns } from './session-runs';

describe('SessionRuns', () => {
  const runs = () => new SessionRuns(60_000);

  it('attributes a timestamp to the run containing it, from start to end inclusive', () => {
    const view = runs();
    view.upsert({ sessionId: 's1', bayId: 'b1', robotIds: ['r1', 'r2'], startedAt: 1000, endedAt: 2000 });
    expect(view.at('r1', 999)).toBeNull();
    expect(view.at('r1', 1000)).toEqual({ sessionId: 's1', bayId: 'b1', ended: true });
    expect(view.at('r2', 2000)).toEqual({ sessionId: 's1', bayId: 'b1', ended: true });
    expect(view.at('r1', 2001)).toBeNull();
    expect(view.at('r3', 1500)).toBeNull();
  });

  it('keeps a running session open-ended, and follows it when it ends', () => {
    const view = runs();
    view.upsert({ sessionId: 's1', bayId: 'b1', robotIds: ['r1'], startedAt: 1000, endedAt: null });
    expect(view.at('r1', 10_000_000)).toEqual({ sessionId: 's1', bayId: 'b1', ended: false });
    view.upsert({ sessionId: 's1', bayId: 'b1', robotIds: ['r1'], startedAt: 1000, endedAt: 5000 });
    expect(view.at('r1', 6000)).toBeNull();
    expect(view.at('r1', 4000)).toEqual({ sessionId: 's1', bayId: 'b1', ended: true });
  });

  it('prefers the later run where a robot’s runs overlap', () => {
    const view = runs();
    view.upsert({ sessionId: 'old', bayId: 'b1', robotIds: ['r1'], startedAt: 1000, endedAt: null });
    view.upsert({ sessionId: 'new', bayId: 'b2', robotIds: ['r1'], startedAt: 3000, endedAt: null });
    expect(view.at('r1', 2000)?.sessionId).toBe('old');
    expect(view.at('r1', 4000)?.sessionId).toBe('new');
  });

  it('forgets sessions that stop being runs, and prunes old runs', () => {
    const view = runs();
    view.upsert({ sessionId: 's1', bayId: 'b1', robotIds: ['r1'], startedAt: 1000, endedAt: 2000 });
    view.upsert({ sessionId: 's2', bayId: 'b1', robotIds: ['r1'], startedAt: 3000, endedAt: null });
    view.upsert({ sessionId: 's2', startedAt: null });
    expect(view.at('r1', 3500)).toBeNull();
    view.prune(2000 + 60_001);
    expect(view.at('r1', 1500)).toBeNull();
    expect(view.size).toBe(0);
  });
});

import { evidenceWait } from './evidence-wait';

describe('evidenceWait', () => {
  const limits = { summaryDelayMs: 5_000, waitMs: 60_000 };

  it('scores at once when every summary is there', () => {
    expect(evidenceWait([], 0, 0, limits)).toEqual({ kind: 'ready' });
  });

  it('checks again just after the last pending summary is due', () => {
    const pending = [
      { sessionId: 'a', endedAt: 10_000 },
      { sessionId: 'b', endedAt: 12_000 },
    ];
    expect(evidenceWait(pending, 12_100, 12_100, limits)).toEqual({ kind: 'wait', until: 17_250 });
  });

  it('checks again soon, but not at once, when a summary is overdue', () => {
    const pending = [{ sessionId: 'a', endedAt: 0 }];
    expect(evidenceWait(pending, 100_000, 100_000, limits)).toEqual({ kind: 'wait', until: 100_500 });
  });

  it('checks at least every 30 s while a long summary delay runs', () => {
    const pending = [{ sessionId: 'a', endedAt: 0 }];
    expect(evidenceWait(pending, 0, 1_000, { summaryDelayMs: 3_600_000, waitMs: 60_000 })).toEqual({
      kind: 'wait',
      until: 31_000,
    });
  });

  it('never checks past its deadline, and gives up there, naming the sessions', () => {
    const pending = [{ sessionId: 'a', endedAt: 0 }];
    // Waiting since 100 s: the deadline is 60 s later (the summary was due long before).
    expect(evidenceWait(pending, 100_000, 159_800, limits)).toEqual({ kind: 'wait', until: 160_000 });
    const late = evidenceWait(pending, 100_000, 160_000, limits);
    expect(late).toEqual({ kind: 'give-up', reason: expect.stringContaining('1 completed session of the robot (a)') });
    expect(late.kind === 'give-up' && late.reason).toContain('after 60 s of waiting');
  });

  it('counts the wait from when the last summary was due, when that is later than the start of the wait', () => {
    const pending = [{ sessionId: 'a', endedAt: 10_000 }];
    expect(evidenceWait(pending, 10_000, 74_999, limits).kind).toBe('wait');
    expect(evidenceWait(pending, 10_000, 75_000, limits)).toEqual({
      kind: 'give-up',
      reason: expect.stringContaining('after 65 s of waiting'),
    });
  });

  it('names at most five sessions', () => {
    const pending = Array.from({ length: 7 }, (_, i) => ({ sessionId: `s${i}`, endedAt: 0 }));
    const verdict = evidenceWait(pending, 0, 1e9, limits);
    expect(verdict.kind === 'give-up' && verdict.reason).toContain(
      '7 completed sessions of the robot (s0, s1, s2, s3, s4 and 2 more)',
    );
  });
});

/** One actual run of a session: when it started and (once finished) ended, on the server's clock. */
export interface SessionRun {
  sessionId: string;
  bayId: string;
  robotIds: readonly string[];
  startedAt: number;
  endedAt: number | null;
}

export interface Attribution {
  sessionId: string;
  bayId: string;
  /** The run had ended when the sample arrived: it is late, and the session's summary may lack it. */
  ended: boolean;
}

/**
 * The runs of recent sessions, by robot: which session a sample belongs to is the one whose run
 * contains its timestamp, from startedAt up to endedAt (or still running). Finished runs are kept
 * for `horizonMs`, so a robot's resends after a reconnect still land in the right session.
 */
export class SessionRuns {
  private readonly byRobot = new Map<string, SessionRun[]>();
  private readonly bySession = new Map<string, SessionRun>();

  constructor(private readonly horizonMs: number) {}

  /** Records a run (or its end); a session that is not (or no longer) run is forgotten. */
  upsert(run: SessionRun | { sessionId: string; startedAt: null }): void {
    this.remove(run.sessionId);
    if (run.startedAt === null) return;
    this.bySession.set(run.sessionId, run);
    for (const robotId of run.robotIds) {
      const runs = this.byRobot.get(robotId) ?? [];
      runs.push(run);
      this.byRobot.set(robotId, runs);
    }
  }

  remove(sessionId: string): void {
    const run = this.bySession.get(sessionId);
    if (!run) return;
    this.bySession.delete(sessionId);
    for (const robotId of run.robotIds) {
      const runs = (this.byRobot.get(robotId) ?? []).filter((candidate) => candidate.sessionId !== sessionId);
      if (runs.length > 0) this.byRobot.set(robotId, runs);
      else this.byRobot.delete(robotId);
    }
  }

  replaceAll(runs: readonly SessionRun[]): void {
    this.byRobot.clear();
    this.bySession.clear();
    for (const run of runs) this.upsert(run);
  }

  at(robotId: string, ts: number): Attribution | null {
    const runs = this.byRobot.get(robotId);
    if (!runs) return null;
    // Newest first: a run that started later wins over one whose end was not yet heard of.
    let best: SessionRun | null = null;
    for (const run of runs) {
      if (ts >= run.startedAt && (run.endedAt === null || ts <= run.endedAt)) {
        if (!best || run.startedAt > best.startedAt) best = run;
      }
    }
    return best ? { sessionId: best.sessionId, bayId: best.bayId, ended: best.endedAt !== null } : null;
  }

  /** Forgets runs that ended more than the horizon ago. */
  prune(now: number): void {
    for (const run of [...this.bySession.values()]) {
      if (run.endedAt !== null && run.endedAt < now - this.horizonMs) this.remove(run.sessionId);
    }
  }

  get size(): number {
    return this.bySession.size;
  }
}

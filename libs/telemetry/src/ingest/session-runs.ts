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
  /**
   * When the run ended, if it had when the sample arrived: the sample is late, and the session's
   * summary may lack it.
   */
  endedAt: number | null;
}

/**
 * Whether a sample arriving at `arrivedAt` may still join a run: while it runs, and until `graceMs`
 * after it ended. Later, the session's evidence is settled and the sample is stored without it.
 */
export function withinLateGrace(endedAt: number | null, arrivedAt: number, graceMs: number): boolean {
  return endedAt === null || arrivedAt - endedAt <= graceMs;
}

/**
 * The runs of recent sessions, by robot: which session a sample belongs to is the one whose run
 * contains its timestamp, from startedAt up to endedAt (or still running), as long as the sample
 * arrives within `graceMs` of the run's end. Finished runs are kept that long, so a robot's resends
 * after a reconnect still land in the right session.
 */
export class SessionRuns {
  private readonly byRobot = new Map<string, SessionRun[]>();
  private readonly bySession = new Map<string, SessionRun>();

  constructor(private readonly graceMs: number) {}

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

  /** The session of a sample of the robot taken at `ts` and arriving at `arrivedAt`; null: none. */
  at(robotId: string, ts: number, arrivedAt: number): Attribution | null {
    const runs = this.byRobot.get(robotId);
    if (!runs) return null;
    // Newest first: a run that started later wins over one whose end was not yet heard of.
    let best: SessionRun | null = null;
    for (const run of runs) {
      if (ts >= run.startedAt && (run.endedAt === null || ts <= run.endedAt)) {
        if (!withinLateGrace(run.endedAt, arrivedAt, this.graceMs)) continue;
        if (!best || run.startedAt > best.startedAt) best = run;
      }
    }
    return best ? { sessionId: best.sessionId, bayId: best.bayId, endedAt: best.endedAt } : null;
  }

  /** Forgets runs past their grace: no sample can join them any more. */
  prune(now: number): void {
    for (const run of [...this.bySession.values()]) {
      if (!withinLateGrace(run.endedAt, now, this.graceMs)) this.remove(run.sessionId);
    }
  }

  get size(): number {
    return this.bySession.size;
  }
}

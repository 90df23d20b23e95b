import { formatNumber, Measured, noData, plural } from './measured';
import type { RobotSessionSummary } from './session-summary';

/** Heartbeats further apart than this leave the time between them uncovered: the robot was down. */
export const HEARTBEAT_GAP_MS = 3_000;

/**
 * The part of a session's run covered by a robot's heartbeats, fed in time order: the time between
 * consecutive heartbeats (and from the run's start to the first, and from the last to its end) counts
 * when it is at most HEARTBEAT_GAP_MS. A robot that never beats covers nothing.
 */
export class HeartbeatCoverage {
  private last: number;
  private coveredMs = 0;
  private beats = 0;

  constructor(
    private readonly startedAt: number,
    private readonly endedAt: number,
    private readonly maxGapMs = HEARTBEAT_GAP_MS,
  ) {
    this.last = startedAt;
  }

  add(ts: number): void {
    if (ts < this.startedAt || ts > this.endedAt || ts < this.last) return;
    if (ts - this.last <= this.maxGapMs) this.coveredMs += ts - this.last;
    this.last = ts;
    this.beats++;
  }

  get heartbeats(): number {
    return this.beats;
  }

  coveredSeconds(): number {
    if (this.beats === 0) return 0;
    const tail = this.endedAt - this.last;
    return (this.coveredMs + (tail <= this.maxGapMs ? tail : 0)) / 1000;
  }
}

/** Seconds covered by heartbeats over seconds of training, across the sessions. */
export function uptimeRatio(sessions: readonly RobotSessionSummary[]): Measured {
  if (sessions.length === 0) return noData('no completed sessions');
  const run = sessions.reduce((sum, session) => sum + session.runSeconds, 0);
  if (run === 0) return noData('no training time');
  const covered = sessions.reduce((sum, session) => sum + session.heartbeatCoveredSeconds, 0);
  return {
    value: Math.min(1, covered / run),
    basis: `${formatNumber(covered)} s of ${formatNumber(run)} s covered by heartbeats (gaps ≤ ${HEARTBEAT_GAP_MS / 1000} s) in ${plural(sessions.length, 'session')}`,
  };
}

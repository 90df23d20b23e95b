import type { BayMode, Domain, SessionKind } from '@app/contract';
import { addTallies, noTallies, RobotSessionSummary, SafetyCounts, TaskTallies } from './session-summary';
import { HeartbeatCoverage } from './uptime';

/** The facts of a finished session that its summary needs. */
export interface FinishedSession {
  id: string;
  status: 'completed' | 'aborted';
  kind: SessionKind;
  robotIds: readonly string[];
  startedAt: number;
  endedAt: number;
  domain: Domain;
  mode: BayMode;
}

export interface TelemetryEvent {
  robotId: string;
  ts: number;
  channel: string;
  data: Record<string, unknown>;
}

/** The channels a summary reads sample by sample; every other channel is only counted. */
export const SUMMARY_CHANNELS = ['task', 'safety', 'intervention', 'heartbeat'] as const;

interface Attempt {
  taskKey: string;
  startedAt: number | null;
  outcome: 'success' | 'failure' | null;
  endedAt: number | null;
}

class RobotAccumulator {
  readonly attempts = new Map<string, Attempt>();
  readonly safety: SafetyCounts = { estop: 0, collision: 0, near_miss: 0 };
  interventions = 0;
  readonly coverage: HeartbeatCoverage;

  constructor(session: FinishedSession) {
    this.coverage = new HeartbeatCoverage(session.startedAt, session.endedAt);
  }

  task(data: Record<string, unknown>, ts: number): void {
    const { event, taskKey, attemptId } = data;
    if (typeof attemptId !== 'string' || typeof taskKey !== 'string') return;
    let attempt = this.attempts.get(attemptId);
    if (!attempt) {
      attempt = { taskKey, startedAt: null, outcome: null, endedAt: null };
      this.attempts.set(attemptId, attempt);
    }
    if (event === 'start') {
      attempt.startedAt ??= ts;
    } else if ((event === 'success' || event === 'failure') && attempt.outcome === null) {
      attempt.outcome = event;
      attempt.endedAt = ts;
    }
  }

  safetyEvent(data: Record<string, unknown>): void {
    const event = data.event;
    if (event === 'estop' || event === 'collision' || event === 'near_miss') this.safety[event]++;
  }

  tallies(): { tasks: TaskTallies; byTask: Record<string, TaskTallies> } {
    const byTask: Record<string, TaskTallies> = {};
    for (const attempt of this.attempts.values()) {
      const tallies = (byTask[attempt.taskKey] ??= noTallies());
      if (attempt.outcome === null) {
        tallies.unfinished++;
        continue;
      }
      tallies.attempts++;
      if (attempt.outcome === 'failure') {
        tallies.failures++;
        continue;
      }
      tallies.successes++;
      if (attempt.startedAt !== null && attempt.endedAt !== null && attempt.endedAt >= attempt.startedAt) {
        tallies.cycleTimeTotalS += (attempt.endedAt - attempt.startedAt) / 1000;
        tallies.cycleTimeCount++;
      }
    }
    const tasks = Object.values(byTask).reduce((total, tallies) => addTallies(total, tallies), noTallies());
    return { tasks, byTask };
  }
}

/**
 * Summarises one finished session from its telemetry, read once and in time order: per robot, the
 * task attempts and their outcomes, cycle times, safety incidents, interventions and heartbeat
 * coverage; sample counts per channel come from the stored packets. Samples outside the session's
 * run, or of robots not in it, are ignored.
 */
export class SessionSummarizer {
  private readonly robots = new Map<string, RobotAccumulator>();

  constructor(private readonly session: FinishedSession) {
    for (const robotId of session.robotIds) this.robots.set(robotId, new RobotAccumulator(session));
  }

  add(event: TelemetryEvent): void {
    const robot = this.robots.get(event.robotId);
    if (!robot || event.ts < this.session.startedAt || event.ts > this.session.endedAt) return;
    switch (event.channel) {
      case 'task':
        robot.task(event.data, event.ts);
        break;
      case 'safety':
        robot.safetyEvent(event.data);
        break;
      case 'intervention':
        robot.interventions++;
        break;
      case 'heartbeat':
        robot.coverage.add(event.ts);
        break;
    }
  }

  finish(counts: readonly { robotId: string; channel: string; samples: number }[]): RobotSessionSummary[] {
    const { session } = this;
    return [...this.robots].map(([robotId, robot]) => {
      const mine = counts.filter((count) => count.robotId === robotId);
      return {
        sessionId: session.id,
        robotId,
        sessionStatus: session.status,
        kind: session.kind,
        domain: session.domain,
        mode: session.mode,
        startedAt: session.startedAt,
        endedAt: session.endedAt,
        runSeconds: (session.endedAt - session.startedAt) / 1000,
        ...robot.tallies(),
        safety: { ...robot.safety },
        interventions: robot.interventions,
        heartbeats: robot.coverage.heartbeats,
        heartbeatCoveredSeconds: robot.coverage.coveredSeconds(),
        teleopSamples: mine.filter((count) => count.channel === 'teleop').reduce((sum, c) => sum + c.samples, 0),
        telemetrySamples: mine.reduce((sum, count) => sum + count.samples, 0),
      };
    });
  }
}

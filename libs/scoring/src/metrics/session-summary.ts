import type { BayMode, Domain, SessionKind } from '@app/contract';

/** Task attempts and their outcomes, as counted in one session (or summed over several). */
export interface TaskTallies {
  /** Attempts that reached an outcome: successes + failures. */
  attempts: number;
  successes: number;
  failures: number;
  /** Started, but without an outcome when the session ended. */
  unfinished: number;
  /** Start → success time summed over the successful attempts whose start was seen. */
  cycleTimeTotalS: number;
  cycleTimeCount: number;
}

export const noTallies = (): TaskTallies => ({
  attempts: 0,
  successes: 0,
  failures: 0,
  unfinished: 0,
  cycleTimeTotalS: 0,
  cycleTimeCount: 0,
});

export function addTallies(into: TaskTallies, more: TaskTallies): TaskTallies {
  into.attempts += more.attempts;
  into.successes += more.successes;
  into.failures += more.failures;
  into.unfinished += more.unfinished;
  into.cycleTimeTotalS += more.cycleTimeTotalS;
  into.cycleTimeCount += more.cycleTimeCount;
  return into;
}

export interface SafetyCounts {
  estop: number;
  collision: number;
  near_miss: number;
}

/** One robot's part in one finished session: what the summary job stores and every training metric reads. */
export interface RobotSessionSummary {
  sessionId: string;
  robotId: string;
  sessionStatus: 'completed' | 'aborted';
  kind: SessionKind;
  domain: Domain;
  mode: BayMode;
  /** Epoch ms of the session's actual start and end. */
  startedAt: number;
  endedAt: number;
  runSeconds: number;
  tasks: TaskTallies;
  byTask: Record<string, TaskTallies>;
  safety: SafetyCounts;
  interventions: number;
  heartbeats: number;
  heartbeatCoveredSeconds: number;
  teleopSamples: number;
  telemetrySamples: number;
}

export const safetyIncidents = (summary: RobotSessionSummary) =>
  summary.safety.estop + summary.safety.collision + summary.safety.near_miss;

import { noTallies, RobotSessionSummary, TaskTallies } from '../../libs/scoring/src/metrics/session-summary';

let sessions = 0;

/** Tallies from attempts and successes (failures are the rest), for metric unit tests. */
export function tallies(attempts: number, successes: number, extra: Partial<TaskTallies> = {}): TaskTallies {
  return { ...noTallies(), attempts, successes, failures: attempts - successes, ...extra };
}

/**
 * One robot's summary of one completed, physical, one-hour training session with nothing in it,
 * unless overridden. `tasks` defaults to the sum of `byTask`.
 */
export function robotSession(overrides: Partial<RobotSessionSummary> = {}): RobotSessionSummary {
  const runSeconds = overrides.runSeconds ?? 3600;
  const byTask = overrides.byTask ?? {};
  const tasks =
    overrides.tasks ??
    Object.values(byTask).reduce(
      (sum, t) => ({
        attempts: sum.attempts + t.attempts,
        successes: sum.successes + t.successes,
        failures: sum.failures + t.failures,
        unfinished: sum.unfinished + t.unfinished,
        cycleTimeTotalS: sum.cycleTimeTotalS + t.cycleTimeTotalS,
        cycleTimeCount: sum.cycleTimeCount + t.cycleTimeCount,
      }),
      noTallies(),
    );
  return {
    sessionId: `00000000-0000-7000-8000-${String(++sessions).padStart(12, '0')}`,
    robotId: '00000000-0000-7000-8000-0000000000aa',
    sessionStatus: 'completed',
    kind: 'training',
    domain: 'industrial_manufacturing',
    mode: 'physical',
    startedAt: 0,
    endedAt: runSeconds * 1000,
    runSeconds,
    byTask,
    tasks,
    safety: { estop: 0, collision: 0, near_miss: 0 },
    interventions: 0,
    heartbeats: 0,
    heartbeatCoveredSeconds: 0,
    teleopSamples: 0,
    telemetrySamples: 0,
    ...overrides,
  };
}

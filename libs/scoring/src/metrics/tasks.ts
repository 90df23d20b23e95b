import type { TaskMetric } from '@app/contract';
import { Measured, noData, plural } from './measured';
import { addTallies, noTallies, RobotSessionSummary, TaskTallies } from './session-summary';
import { wilsonLowerBound } from './wilson';

/** The sessions' task tallies summed, over every task or one task key. */
export function sumTallies(sessions: readonly RobotSessionSummary[], taskKey: string | null = null): TaskTallies {
  const total = noTallies();
  for (const session of sessions) {
    const tallies = taskKey === null ? session.tasks : session.byTask[taskKey];
    if (tallies) addTallies(total, tallies);
  }
  return total;
}

export function taskMetric(
  metric: TaskMetric,
  sessions: readonly RobotSessionSummary[],
  taskKey: string | null = null,
): Measured {
  if (sessions.length === 0) return noData('no completed sessions');
  const tallies = sumTallies(sessions, taskKey);
  const of = taskKey === null ? '' : ` of ${taskKey}`;
  const { attempts, successes } = tallies;
  switch (metric) {
    case 'task.attempts':
      return { value: attempts, basis: `${plural(attempts, 'attempt')}${of} in ${plural(sessions.length, 'session')}` };
    case 'task.success_rate':
      if (attempts === 0) return noData(`no task attempts${of}`);
      return { value: successes / attempts, basis: `${successes} of ${plural(attempts, 'attempt')}${of} succeeded` };
    case 'task.success_rate_lcb':
      if (attempts === 0) return noData(`no task attempts${of}`);
      return {
        value: wilsonLowerBound(successes, attempts),
        basis: `Wilson 95 % lower bound of ${successes} successes in ${plural(attempts, 'attempt')}${of}`,
      };
    case 'task.mean_cycle_time_s':
      if (tallies.cycleTimeCount === 0) return noData(`no successful attempt${of} with a recorded start`);
      return {
        value: tallies.cycleTimeTotalS / tallies.cycleTimeCount,
        basis: `mean start → success time of ${plural(tallies.cycleTimeCount, 'successful attempt')}${of}`,
      };
  }
}

/** Success rate of the attempts in the sessions that match, with how many attempts it rests on. */
export function successRate(sessions: readonly RobotSessionSummary[]): { rate: number | null; attempts: number } {
  const { attempts, successes } = sumTallies(sessions);
  return { rate: attempts === 0 ? null : successes / attempts, attempts };
}

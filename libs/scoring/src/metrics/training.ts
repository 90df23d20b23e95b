import type { BayMode } from '@app/contract';
import { formatNumber, Measured, noData, plural } from './measured';
import type { RobotSessionSummary } from './session-summary';

/** Hours the robot actually trained (start to completion of each session), in every bay or in one mode. */
export function trainingHours(sessions: readonly RobotSessionSummary[], mode: BayMode | null = null): Measured {
  if (sessions.length === 0) return noData('no completed sessions');
  const counted = mode === null ? sessions : sessions.filter((session) => session.mode === mode);
  const hours = counted.reduce((sum, session) => sum + session.runSeconds, 0) / 3600;
  const where = mode === null ? '' : ` in ${mode} bays`;
  return { value: hours, basis: `${formatNumber(hours)} h over ${plural(counted.length, 'session')}${where}` };
}

import { Measured, noData, plural } from './measured';
import type { RobotSessionSummary } from './session-summary';

/** Teleoperated demonstration samples collected (channel `teleop`). */
export function teleopSamples(sessions: readonly RobotSessionSummary[]): Measured {
  if (sessions.length === 0) return noData('no completed sessions');
  const total = sessions.reduce((sum, session) => sum + session.teleopSamples, 0);
  return { value: total, basis: `${plural(total, 'teleop sample')} in ${plural(sessions.length, 'session')}` };
}

import { formatNumber, Measured, noData, plural } from './measured';
import type { RobotSessionSummary } from './session-summary';
import { successRate } from './tasks';

/** |virtual − physical success rate|: how well what was learnt in simulation holds on the floor (虚实结合). */
export function simToRealGap(sessions: readonly RobotSessionSummary[]): Measured {
  if (sessions.length === 0) return noData('no completed sessions');
  const virtual = successRate(sessions.filter((session) => session.mode === 'virtual'));
  const physical = successRate(sessions.filter((session) => session.mode === 'physical'));
  if (virtual.rate === null || physical.rate === null) {
    return noData(
      `needs task attempts in both virtual and physical bays (virtual: ${virtual.attempts}, physical: ${physical.attempts})`,
    );
  }
  return {
    value: Math.abs(virtual.rate - physical.rate),
    basis:
      `virtual ${formatNumber(virtual.rate)} over ${plural(virtual.attempts, 'attempt')}, ` +
      `physical ${formatNumber(physical.rate)} over ${plural(physical.attempts, 'attempt')}`,
  };
}

/** Success rate of the attempts made in group drills (群体协同). */
export function drillSuccessRate(sessions: readonly RobotSessionSummary[]): Measured {
  const drills = sessions.filter((session) => session.kind === 'drill');
  const { rate, attempts } = successRate(drills);
  if (rate === null) return noData(drills.length === 0 ? 'no completed drills' : 'no task attempts in drills');
  return { value: rate, basis: `${plural(attempts, 'attempt')} in ${plural(drills.length, 'drill')}` };
}

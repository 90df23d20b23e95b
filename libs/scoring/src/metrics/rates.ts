import { formatNumber, Measured, noData, plural } from './measured';
import { RobotSessionSummary, safetyIncidents } from './session-summary';

/** Events per hour of actual training time. */
function perHour(sessions: readonly RobotSessionSummary[], count: number, what: string): Measured {
  if (sessions.length === 0) return noData('no completed sessions');
  const seconds = sessions.reduce((sum, session) => sum + session.runSeconds, 0);
  if (seconds === 0) return noData('no training time');
  const hours = seconds / 3600;
  return { value: count / hours, basis: `${plural(count, what)} in ${formatNumber(hours)} h of training` };
}

/** Emergency stops, collisions and near misses (channel `safety`) per hour of training. */
export const safetyIncidentsPerHour = (sessions: readonly RobotSessionSummary[]): Measured =>
  perHour(
    sessions,
    sessions.reduce((sum, session) => sum + safetyIncidents(session), 0),
    'safety incident',
  );

/** Human interventions (channel `intervention`) per hour of training. */
export const interventionsPerHour = (sessions: readonly RobotSessionSummary[]): Measured =>
  perHour(
    sessions,
    sessions.reduce((sum, session) => sum + session.interventions, 0),
    'intervention',
  );

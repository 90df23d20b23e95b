import { Domain, parseMetricKey, Specs, TRAINING_METRICS, TrainingMetric } from '@app/contract';
import { teleopSamples } from './demonstrations';
import { examMetric, ExamRecord } from './exams';
import { Measured, noData } from './measured';
import { interventionsPerHour, safetyIncidentsPerHour } from './rates';
import type { RobotSessionSummary } from './session-summary';
import { specValue } from './spec-values';
import { taskMetric } from './tasks';
import { trainingHours } from './training';
import { drillSuccessRate, simToRealGap } from './transfer';
import { uptimeRatio } from './uptime';

/** What a robot's metrics are computed from: its declared specs, its completed sessions' summaries and its exams. */
export interface MetricInput {
  specs: Specs;
  sessions: readonly RobotSessionSummary[];
  /** Its latest decided exam of each task the criteria name (exams count whatever the domain). */
  exams: readonly ExamRecord[];
  /** The domain whose bays the sessions were chosen from (null: every domain), for explanations. */
  domain: Domain | null;
}

/** The value of the metric a criterion names. Unknown keys never reach here (the criteria are validated). */
export function measure(key: string, input: MetricInput): Measured {
  const ref = parseMetricKey(key);
  if (!ref) throw new Error(`"${key}" is not a metric of the catalog`);
  if (ref.kind === 'spec') return specValue(input.specs, ref.name);
  if (ref.kind === 'exam') return examMetric(ref.metric, input.exams, ref.taskKey);
  const measured = trainingMetric(ref.metric, input.sessions, ref.taskKey);
  if (measured.value === null && input.sessions.length === 0) {
    return noData(`no completed sessions in ${input.domain === null ? 'any bay' : `${input.domain} bays`}`);
  }
  return measured;
}

function trainingMetric(
  metric: TrainingMetric,
  sessions: readonly RobotSessionSummary[],
  taskKey: string | null,
): Measured {
  switch (metric) {
    case 'training.hours':
      return trainingHours(sessions);
    case 'training.physical_hours':
      return trainingHours(sessions, 'physical');
    case 'training.virtual_hours':
      return trainingHours(sessions, 'virtual');
    case 'task.attempts':
    case 'task.success_rate':
    case 'task.success_rate_lcb':
    case 'task.mean_cycle_time_s':
      return taskMetric(metric, sessions, taskKey);
    case 'safety.incidents_per_hour':
      return safetyIncidentsPerHour(sessions);
    case 'interventions.per_hour':
      return interventionsPerHour(sessions);
    case 'uptime.ratio':
      return uptimeRatio(sessions);
    case 'data.teleop_samples':
      return teleopSamples(sessions);
    case 'sim_to_real.success_gap':
      return simToRealGap(sessions);
    case 'drill.success_rate':
      return drillSuccessRate(sessions);
  }
}

/** Every training metric of one session on its own (the session summary shows them). */
export function sessionMetrics(summary: RobotSessionSummary): Record<TrainingMetric, number | null> {
  const values = {} as Record<TrainingMetric, number | null>;
  for (const metric of TRAINING_METRICS) values[metric] = trainingMetric(metric, [summary], null).value;
  return values;
}

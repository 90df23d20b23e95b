import {
  ExamMetric,
  EXAM_METRICS,
  MetricCatalogEntry,
  Stage,
  TASK_METRICS,
  TaskMetric,
  TRAINING_METRICS,
  TrainingMetric,
} from '@app/contract';
import { HEARTBEAT_GAP_MS } from './uptime';

type Described = Omit<MetricCatalogEntry, 'key' | 'stages'>;

const OVER_SESSIONS =
  'over the summaries of the robot’s completed sessions in bays of the set’s domain (every domain when the set has none)';
const PER_TASK = 'Also named per task as `<metric>:<taskKey>`, counting only that task’s attempts.';

const TRAINING: Record<TrainingMetric, Described> = {
  'training.hours': {
    unit: 'h',
    description: 'Hours of training: the time the robot’s sessions actually ran.',
    computation: `Σ (endedAt − startedAt) of each session, ${OVER_SESSIONS}.`,
  },
  'training.physical_hours': {
    unit: 'h',
    description: 'Hours of training on the floor, in physical bays.',
    computation: `Σ (endedAt − startedAt) of the sessions in physical bays, ${OVER_SESSIONS}.`,
  },
  'training.virtual_hours': {
    unit: 'h',
    description: 'Hours of training in simulation, in virtual bays.',
    computation: `Σ (endedAt − startedAt) of the sessions in virtual bays, ${OVER_SESSIONS}.`,
  },
  'task.attempts': {
    unit: 'attempts',
    description: 'Task attempts that reached an outcome. ' + PER_TASK,
    computation:
      'Distinct attemptIds on channel `task` with a `success` or `failure` event within the session’s run ' +
      `(the first outcome counts; attempts still open when the session ended are not counted), ${OVER_SESSIONS}.`,
  },
  'task.success_rate': {
    unit: 'ratio 0–1',
    description: 'Share of task attempts that succeeded. ' + PER_TASK,
    computation: `successes ÷ attempts ${OVER_SESSIONS}; no value without attempts.`,
  },
  'task.success_rate_lcb': {
    unit: 'ratio 0–1',
    description:
      'The success rate the robot reaches at least, with 95 % confidence: ten lucky trials do not beat a ' +
      'thousand steady ones. ' +
      PER_TASK,
    computation:
      'Wilson score interval lower bound, z = 1.96: (p + z²/2n − z·√(p(1−p)/n + z²/4n²)) ÷ (1 + z²/n) with ' +
      `p = successes ÷ n, n = attempts, ${OVER_SESSIONS}; no value without attempts.`,
  },
  'task.mean_cycle_time_s': {
    unit: 's',
    description: 'Mean time a successful task attempt takes. ' + PER_TASK,
    computation:
      'Mean of (success ts − start ts) over the successful attempts whose `start` event was recorded, ' +
      `${OVER_SESSIONS}; no value without such attempts.`,
  },
  'safety.incidents_per_hour': {
    unit: '1/h',
    description: 'Safety incidents (emergency stops, collisions, near misses) per hour of training.',
    computation: `Events on channel \`safety\` ÷ training.hours, ${OVER_SESSIONS}; no value without training time.`,
  },
  'interventions.per_hour': {
    unit: '1/h',
    description: 'Times a person had to step in, per hour of training.',
    computation: `Events on channel \`intervention\` ÷ training.hours, ${OVER_SESSIONS}; no value without training time.`,
  },
  'uptime.ratio': {
    unit: 'ratio 0–1',
    description: 'Share of training time the robot was up, as its heartbeats show.',
    computation:
      'Seconds covered by heartbeats ÷ seconds of training: within each run, the time from the start to the ' +
      `first heartbeat, between consecutive heartbeats and from the last to the end counts when at most ` +
      `${HEARTBEAT_GAP_MS / 1000} s; a session without heartbeats covers nothing. ${OVER_SESSIONS}.`,
  },
  'data.teleop_samples': {
    unit: 'samples',
    description: 'Teleoperated demonstration samples collected (the field graduates after about 100,000).',
    computation: `Samples stored on channel \`teleop\` during the sessions, ${OVER_SESSIONS}.`,
  },
  'sim_to_real.success_gap': {
    unit: 'ratio 0–1',
    description: 'How far the success rate in simulation is from the success rate on the floor (虚实结合).',
    computation:
      '|success rate in virtual bays − success rate in physical bays|, ' +
      `${OVER_SESSIONS}; no value unless both have attempts.`,
  },
  'drill.success_rate': {
    unit: 'ratio 0–1',
    description: 'Share of task attempts that succeeded in group drills (群体协同).',
    computation: `successes ÷ attempts in sessions of kind \`drill\`, ${OVER_SESSIONS}; no value without drill attempts.`,
  },
};

const LATEST_EXAM =
  'Reads the robot’s most recently decided exam of <taskKey> (POST /exams), whatever the set’s domain; ' +
  'no value without one, or when its trial ledger no longer recomputes.';

const EXAMS: Record<ExamMetric, Described> = {
  'exam.passed': {
    unit: '1 or 0',
    description:
      'Whether the robot passed its exam of the task: pre-registered trials judged by the field’s examiners ' +
      'and stopped by Wald’s sequential test, so looking after every trial cannot inflate a false pass.',
    computation: `1 when that exam passed, 0 when it failed or was inconclusive. ${LATEST_EXAM}`,
  },
  'exam.success_rate_lcb': {
    unit: 'ratio 0–1',
    description: 'The success rate the robot reaches at least, with 95 % confidence, by its exam of the task.',
    computation: `The two-sided Clopper–Pearson 95 % interval's lower bound of successes ÷ trials at the exam's stop. ${LATEST_EXAM}`,
  },
};

const EVERY_STAGE: Stage[] = ['admission', 'graduation'];

/** Every metric a criterion may name (GET /metric-catalog). */
export const METRIC_CATALOG: readonly MetricCatalogEntry[] = [
  {
    key: 'spec.<name>',
    unit: 'as declared',
    description: 'A spec the robot declared when it applied (e.g. spec.payloadKg, spec.estop).',
    computation: 'The robot’s declared spec: a number as is, a boolean as 1 or 0; text or an absent spec has no value.',
    stages: EVERY_STAGE,
  },
  ...TRAINING_METRICS.map((key) => ({ key, ...TRAINING[key], stages: ['graduation'] as Stage[] })),
  ...TASK_METRICS.map((key: TaskMetric) => ({
    key: `${key}:<taskKey>`,
    unit: TRAINING[key].unit,
    description: `${key} of one task only.`,
    computation: `As ${key}, counting only the attempts whose taskKey is <taskKey>.`,
    stages: ['graduation'] as Stage[],
  })),
  ...EXAM_METRICS.map((key) => ({ key: `${key}:<taskKey>`, ...EXAMS[key], stages: ['graduation'] as Stage[] })),
];

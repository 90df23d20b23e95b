import { z } from 'zod';
import { Id, PageQuery, Text, Timestamp } from './common';
import { SPEC_NAME } from './enrollment';
import {
  BAY_MODES,
  CRITERIA_SET_STATUSES,
  CRITERION_OPS,
  DIMENSIONS,
  Domain,
  DOMAINS,
  EVALUATION_STATUSES,
  SESSION_KINDS,
  SESSION_STATUSES,
  SESSION_SUMMARY_STATUSES,
  STAGES,
} from './enums';
import { ReportExam } from './exams';
import { TaskKey } from './telemetry';

/** Task metrics; each may also be named per task as `<metric>:<taskKey>`. */
export const TASK_METRICS = [
  'task.attempts',
  'task.success_rate',
  'task.success_rate_lcb',
  'task.mean_cycle_time_s',
] as const;
export type TaskMetric = (typeof TASK_METRICS)[number];

/** Metrics computed from the summaries of a robot's completed training sessions. */
export const TRAINING_METRICS = [
  'training.hours',
  'training.physical_hours',
  'training.virtual_hours',
  ...TASK_METRICS,
  'safety.incidents_per_hour',
  'interventions.per_hour',
  'uptime.ratio',
  'data.teleop_samples',
  'sim_to_real.success_gap',
  'drill.success_rate',
] as const;
export type TrainingMetric = (typeof TRAINING_METRICS)[number];

/** Metrics of a robot's graduation exams, always named per task as `<metric>:<taskKey>`. */
export const EXAM_METRICS = ['exam.passed', 'exam.success_rate_lcb'] as const;
export type ExamMetric = (typeof EXAM_METRICS)[number];

/** The core task of each domain: the default graduation sets require a passed exam of it. */
export const CORE_TASKS: Readonly<Record<Domain, string>> = {
  commerce_culture_tourism: 'guide_tour',
  social_livelihood: 'fetch_item',
  industrial_manufacturing: 'pick_place',
};

/** What a metric key names: a declared spec, a training metric (task metrics optionally per task), or an exam's. */
export type MetricRef =
  | { kind: 'spec'; name: string }
  | { kind: 'training'; metric: TrainingMetric; taskKey: string | null }
  | { kind: 'exam'; metric: ExamMetric; taskKey: string };

/** Parses `spec.<name>`, a training metric, `task.<metric>:<taskKey>` or `exam.<metric>:<taskKey>`; null for anything else. */
export function parseMetricKey(key: string): MetricRef | null {
  if (key.startsWith('spec.')) {
    const name = key.slice('spec.'.length);
    return SPEC_NAME.test(name) ? { kind: 'spec', name } : null;
  }
  const colon = key.indexOf(':');
  const metric = colon === -1 ? key : key.slice(0, colon);
  const taskKey = colon === -1 ? null : key.slice(colon + 1);
  if (taskKey !== null && !TaskKey.safeParse(taskKey).success) return null;
  if ((EXAM_METRICS as readonly string[]).includes(metric)) {
    return taskKey === null ? null : { kind: 'exam', metric: metric as ExamMetric, taskKey };
  }
  if (!(TRAINING_METRICS as readonly string[]).includes(metric)) return null;
  if (taskKey !== null && !(TASK_METRICS as readonly string[]).includes(metric)) return null;
  return { kind: 'training', metric: metric as TrainingMetric, taskKey };
}

export const CRITERION_KEY = /^[a-z][a-z0-9_.-]{0,63}$/;

export const Criterion = z.object({
  key: z.string(),
  dimension: z.enum(DIMENSIONS),
  metric: z.string(),
  op: z.enum(CRITERION_OPS),
  threshold: z.number(),
  weight: z.number(),
  required: z.boolean(),
});
export type Criterion = z.infer<typeof Criterion>;

const CriterionInput = z.strictObject({
  key: z.string().regex(CRITERION_KEY, 'must be 1–64 lowercase letters, digits, "_", "." or "-"'),
  dimension: z.enum(DIMENSIONS),
  metric: z
    .string()
    .max(200)
    .refine((key) => parseMetricKey(key) !== null, 'is not a metric of the catalog (GET /metric-catalog)'),
  op: z.enum(CRITERION_OPS),
  threshold: z.number().finite(),
  weight: z.number().finite().positive().max(1000).default(1),
  required: z.boolean().default(false),
});

const CriteriaList = z
  .array(CriterionInput)
  .min(1)
  .max(100)
  .superRefine((criteria, context) => {
    const seen = new Set<string>();
    criteria.forEach((criterion, index) => {
      if (seen.has(criterion.key)) {
        context.addIssue({ code: 'custom', message: 'repeats a key of this set', path: [index, 'key'] });
      }
      seen.add(criterion.key);
    });
  });

export const CreateCriteriaSetBody = z.strictObject({
  name: Text(200),
  stage: z.enum(STAGES),
  domain: z.enum(DOMAINS).nullable().default(null).describe('null: the set applies to every domain'),
  passScore: z.number().min(0).max(100),
  criteria: CriteriaList,
});
export type CreateCriteriaSetBody = z.infer<typeof CreateCriteriaSetBody>;

/** A draft's stage and domain are fixed at creation: they place it in its line of versions. */
export const UpdateCriteriaSetBody = z
  .strictObject({
    name: Text(200).optional(),
    passScore: z.number().min(0).max(100).optional(),
    criteria: CriteriaList.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'name at least one of name, passScore, criteria');
export type UpdateCriteriaSetBody = z.infer<typeof UpdateCriteriaSetBody>;

export const CriteriaSet = z.object({
  id: Id,
  name: z.string(),
  stage: z.enum(STAGES),
  domain: z.enum(DOMAINS).nullable(),
  version: z.number().int().describe('1, 2, … within the same (stage, domain)'),
  status: z.enum(CRITERIA_SET_STATUSES),
  passScore: z.number(),
  criteria: z.array(Criterion),
  createdBy: Id.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  publishedAt: Timestamp.nullable(),
  supersededAt: Timestamp.nullable(),
});
export type CriteriaSet = z.infer<typeof CriteriaSet>;

export const ListCriteriaSetsQuery = PageQuery.extend({
  stage: z.enum(STAGES).optional(),
  domain: z.enum(DOMAINS).optional(),
  status: z.enum(CRITERIA_SET_STATUSES).optional(),
});
export type ListCriteriaSetsQuery = z.infer<typeof ListCriteriaSetsQuery>;

export const MetricCatalogEntry = z.object({
  key: z.string().describe('`spec.<name>` and `…:<taskKey>` stand for every spec name and task key'),
  unit: z.string(),
  description: z.string().describe('what it means'),
  computation: z.string().describe('how the field computes it'),
  stages: z.array(z.enum(STAGES)).describe('the stages whose criteria may name it'),
});
export type MetricCatalogEntry = z.infer<typeof MetricCatalogEntry>;

export const MetricCatalog = z.object({ items: z.array(MetricCatalogEntry) });
export type MetricCatalog = z.infer<typeof MetricCatalog>;

export const RequestEvaluationBody = z.strictObject({
  stage: z.enum(STAGES),
  domain: z.enum(DOMAINS).optional().describe("default: the robot's first declared domain"),
});
export type RequestEvaluationBody = z.infer<typeof RequestEvaluationBody>;

export const CriterionResult = Criterion.extend({
  value: z.number().nullable().describe('null: no data, and the criterion fails'),
  passed: z.boolean(),
  explanation: z.string(),
});
export type CriterionResult = z.infer<typeof CriterionResult>;

export const EvaluationEvidence = z.object({
  sessionIds: z.array(Id).describe('the completed sessions the training metrics read'),
  samples: z.object({
    telemetry: z.number().int().describe('telemetry samples stored in those sessions'),
    taskAttempts: z.number().int(),
    teleop: z.number().int(),
    heartbeats: z.number().int(),
  }),
  exams: z
    .array(ReportExam)
    .describe("for each task an `exam.*` criterion names, the robot's latest decided exam of it (none: no entry)"),
});
export type EvaluationEvidence = z.infer<typeof EvaluationEvidence>;

export const Evaluation = z.object({
  id: Id,
  robotId: Id,
  stage: z.enum(STAGES),
  domain: z.enum(DOMAINS).nullable().describe("the criteria set's domain; null: every domain"),
  criteriaSetId: Id,
  criteriaSetVersion: z.number().int(),
  passScore: z.number(),
  status: z.enum(EVALUATION_STATUSES),
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
  results: z.array(CriterionResult).describe('empty until completed'),
  evidence: EvaluationEvidence.nullable(),
  failureReason: z.string().nullable(),
  attempts: z.number().int().describe('runs of the scoring job so far'),
  awaitingSummaries: z
    .number()
    .int()
    .nullable()
    .describe(
      'while a graduation evaluation waits for them: how many summaries of the sessions it counts are still to be made; else null',
    ),
  requestedBy: Id.nullable(),
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  completedAt: Timestamp.nullable(),
});
export type Evaluation = z.infer<typeof Evaluation>;

/** `?passed=true|false`: a query string carries text, and anything but those two is refused, not read as true. */
const PassedFilter = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional()
  .describe('true: passed; false: completed and failed');

/** A robot's evaluations (`GET /robots/:id/evaluations`). */
export const ListEvaluationsQuery = PageQuery.extend({
  stage: z.enum(STAGES).optional(),
  status: z.enum(EVALUATION_STATUSES).optional(),
  passed: PassedFilter,
});
export type ListEvaluationsQuery = z.infer<typeof ListEvaluationsQuery>;

/** Evaluations of every robot the caller may see (`GET /evaluations`), newest first. */
export const ListAllEvaluationsQuery = ListEvaluationsQuery.extend({ robotId: Id.optional() });
export type ListAllEvaluationsQuery = z.infer<typeof ListAllEvaluationsQuery>;

export const TaskTally = z.object({
  attempts: z.number().int().describe('attempts that reached an outcome (success or failure)'),
  successes: z.number().int(),
  failures: z.number().int(),
  unfinished: z.number().int().describe('started but without an outcome when the session ended'),
  meanCycleTimeS: z.number().nullable().describe('mean start → success time of successful attempts'),
});
export type TaskTally = z.infer<typeof TaskTally>;

export const SessionRobotSummary = z.object({
  robotId: Id,
  domain: z.enum(DOMAINS),
  mode: z.enum(BAY_MODES),
  kind: z.enum(SESSION_KINDS),
  runSeconds: z.number().describe('from the session’s start to its completion or abort'),
  tasks: TaskTally,
  byTask: z.record(z.string(), TaskTally),
  safety: z.object({
    estop: z.number().int(),
    collision: z.number().int(),
    near_miss: z.number().int(),
  }),
  interventions: z.number().int(),
  heartbeats: z.number().int(),
  heartbeatCoveredSeconds: z.number(),
  teleopSamples: z.number().int(),
  telemetrySamples: z.number().int(),
  metrics: z.record(z.string(), z.number().nullable()).describe('the training metrics of this session alone'),
  computedAt: Timestamp,
});
export type SessionRobotSummary = z.infer<typeof SessionRobotSummary>;

export const SessionSummary = z.object({
  sessionId: Id,
  sessionStatus: z.enum(SESSION_STATUSES),
  status: z.enum(SESSION_SUMMARY_STATUSES).describe('pending: the summary job has not run yet'),
  robots: z.array(SessionRobotSummary),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

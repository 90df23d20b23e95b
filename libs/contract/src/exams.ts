import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common';
import { DOMAINS, EXAM_METHODS, EXAM_STATUSES, TRIAL_DECISIONS, TRIAL_OUTCOMES } from './enums';
import { TaskKey } from './telemetry';

/** A task of the catalogue; `variations` are the initial conditions an exam's plan draws from. */
const VariationValue = z.union([z.string().max(200), z.number().finite(), z.boolean()]);
const Variations = z
  .record(
    z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be 1–64 lowercase letters, digits or "_", starting with a letter'),
    z.array(VariationValue).min(1).max(100),
  )
  .refine((variations) => Object.keys(variations).length <= 20, 'at most 20 variations');

export const Task = z.object({
  key: TaskKey,
  domain: z.enum(DOMAINS),
  name: z.string(),
  instruction: z.string(),
  variations: Variations,
  createdAt: Timestamp,
});
export type Task = z.infer<typeof Task>;

export const CreateTaskBody = z.strictObject({
  key: TaskKey,
  domain: z.enum(DOMAINS),
  name: z.string().trim().min(1).max(200),
  instruction: z.string().trim().min(1).max(2000),
  variations: Variations.default({}),
});
export type CreateTaskBody = z.infer<typeof CreateTaskBody>;

export const TaskQuery = z.strictObject({ domain: z.enum(DOMAINS).optional() });
export type TaskQuery = z.infer<typeof TaskQuery>;

const Probability = z.number().gt(0).lt(1);
const ErrorRate = z.number().gt(0).lte(0.2);

/** Wald's SPRT of H0: p = p0 against H1: p = p1, fixed before the first trial. */
export const ExamProtocol = z
  .strictObject({
    method: z.enum(EXAM_METHODS),
    p0: Probability,
    p1: Probability,
    alpha: ErrorRate,
    beta: ErrorRate,
    maxTrials: z.number().int().min(1).max(1000),
  })
  .refine((protocol) => protocol.p0 < protocol.p1, { message: 'p0 must be below p1', path: ['p1'] });
export type ExamProtocol = z.infer<typeof ExamProtocol>;

export const CreateExamBody = z.strictObject({
  robotId: Id,
  taskKey: TaskKey,
  protocol: ExamProtocol,
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
});
export type CreateExamBody = z.infer<typeof CreateExamBody>;

export const RecordTrialBody = z.strictObject({
  outcome: z.enum(TRIAL_OUTCOMES),
  sessionId: Id.optional(),
  attemptId: z.string().trim().min(1).max(128).optional(),
  note: z.string().trim().max(1000).optional(),
});
export type RecordTrialBody = z.infer<typeof RecordTrialBody>;

/** One trial's initial conditions: one value of each of the task's variations. */
export const PlannedTrial = z.object({
  index: z.number().int(),
  conditions: z.record(z.string(), VariationValue),
});
export type PlannedTrial = z.infer<typeof PlannedTrial>;

export const ExamTrial = z.object({
  index: z.number().int(),
  outcome: z.enum(TRIAL_OUTCOMES),
  recordedAt: Timestamp,
  recordedBy: Id,
  sessionId: Id.nullable(),
  attemptId: z.string().nullable(),
  note: z.string().nullable(),
  hash: z.string(),
  decision: z.enum(TRIAL_DECISIONS),
  llr: z.number(),
});
export type ExamTrial = z.infer<typeof ExamTrial>;

/** What `POST /exams/:id/trials` answers: the trial as the ledger holds it, with the decision after it. */
export type RecordedTrial = ExamTrial;

export const Exam = z.object({
  id: Id,
  robotId: Id,
  taskKey: TaskKey,
  status: z.enum(EXAM_STATUSES),
  protocol: ExamProtocol,
  seed: z.number().int(),
  plan: z.array(PlannedTrial),
  trials: z.array(ExamTrial),
  llr: z.number(),
  bounds: z.object({ pass: z.number(), fail: z.number() }),
  protocolDigest: z.string(),
  ledgerHead: z.string(),
  /** Whether the stored trials recompute to the stored hashes (false: the ledger was tampered with). */
  ledgerIntact: z.boolean(),
  createdBy: Id.nullable(),
  createdAt: Timestamp,
  decidedAt: Timestamp.nullable(),
  /** The two-sided Clopper–Pearson 95 % interval of the success rate at the stop; null while open. */
  interval: z.object({ lower: z.number(), upper: z.number() }).nullable(),
});
export type Exam = z.infer<typeof Exam>;

export const ExamQuery = PageQuery.extend({
  robotId: Id.optional(),
  status: z.enum(EXAM_STATUSES).optional(),
});
export type ExamQuery = z.infer<typeof ExamQuery>;

/** What a graduation report's document carries of each exam its evaluation's criteria used. */
export const ReportExam = z.object({
  examId: Id,
  taskKey: TaskKey,
  protocol: ExamProtocol,
  decision: z.enum(EXAM_STATUSES),
  trials: z.number().int(),
  ledgerHead: z.string(),
});
export type ReportExam = z.infer<typeof ReportExam>;

/** Sent to `/watch` subscribers of the robot (and to webhooks once they exist) when an exam is decided. */
export const EXAM_DECIDED_EVENT = 'exam.decided';

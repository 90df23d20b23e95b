/** Enumerations of the public contract; the database CHECKs use the same values. */

export const ROLES = ['admin', 'operator', 'engineer', 'vendor'] as const;
export type Role = (typeof ROLES)[number];

/** The field's three scenario domains: 商贸文旅, 社会民生, 工业制造. */
export const DOMAINS = ['commerce_culture_tourism', 'social_livelihood', 'industrial_manufacturing'] as const;
export type Domain = (typeof DOMAINS)[number];

export const SITE_KINDS = ['main', 'branch', 'scenario'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const BAY_MODES = ['physical', 'virtual'] as const;
export type BayMode = (typeof BAY_MODES)[number];

export const BAY_STATUSES = ['open', 'maintenance'] as const;
export type BayStatus = (typeof BAY_STATUSES)[number];

export const ROBOT_FORMS = [
  'humanoid',
  'wheeled_humanoid',
  'quadruped',
  'mobile_manipulator',
  'dual_arm',
  'robot_arm',
  'amr',
  'service',
  'other',
] as const;
export type RobotForm = (typeof ROBOT_FORMS)[number];

export const ROBOT_STATUSES = ['applied', 'enrolled', 'rejected', 'graduated', 'withdrawn'] as const;
export type RobotStatus = (typeof ROBOT_STATUSES)[number];

/** Training sessions (scheduling). */
export const SESSION_KINDS = ['training', 'assessment', 'drill'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_STATUSES = ['scheduled', 'running', 'completed', 'aborted', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_ACTIONS = ['start', 'complete', 'abort', 'cancel'] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];

/** The admission–graduation standard (入学—毕业标准). */
export const STAGES = ['admission', 'graduation'] as const;
export type Stage = (typeof STAGES)[number];

/** 技术领先性, 产业需求匹配, 符合技术规范, plus safety and reliability. */
export const DIMENSIONS = ['technical_leadership', 'industry_fit', 'spec_compliance', 'safety', 'reliability'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const CRITERION_OPS = ['gte', 'lte'] as const;
export type CriterionOp = (typeof CRITERION_OPS)[number];

export const CRITERIA_SET_STATUSES = ['draft', 'active', 'superseded'] as const;
export type CriteriaSetStatus = (typeof CRITERIA_SET_STATUSES)[number];

export const EVALUATION_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

export const SESSION_SUMMARY_STATUSES = ['pending', 'ready'] as const;

/** Graduation reports. */
export const REPORT_STATUSES = ['valid', 'revoked'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Telemetry events. */
export const TASK_EVENTS = ['start', 'success', 'failure'] as const;
export const SAFETY_EVENTS = ['estop', 'collision', 'near_miss'] as const;

export const WATCH_TARGETS = ['robotId', 'sessionId', 'bayId'] as const;
export type WatchTarget = (typeof WATCH_TARGETS)[number];

/** Graduation exams. */
export const EXAM_METHODS = ['sprt'] as const;
export const EXAM_STATUSES = ['open', 'passed', 'failed', 'inconclusive'] as const;
export type ExamStatus = (typeof EXAM_STATUSES)[number];
export const TRIAL_OUTCOMES = ['success', 'failure'] as const;
export type TrialOutcome = (typeof TRIAL_OUTCOMES)[number];
export const TRIAL_DECISIONS = ['continue', 'passed', 'failed', 'inconclusive'] as const;
export type TrialDecision = (typeof TRIAL_DECISIONS)[number];

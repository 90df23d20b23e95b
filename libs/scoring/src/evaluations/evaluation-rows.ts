import type { CriterionResult, Evaluation, EvaluationEvidence } from '@app/contract';

export interface EvaluationRow {
  id: string;
  robot_id: string;
  stage: Evaluation['stage'];
  domain: Evaluation['domain'];
  criteria_set_id: string;
  criteria_set_version: number;
  pass_score: number;
  status: Evaluation['status'];
  score: number | null;
  passed: boolean | null;
  results: CriterionResult[] | null;
  evidence: EvaluationEvidence | null;
  failure_reason: string | null;
  attempts: number;
  awaiting_summaries: number | null;
  requested_by: string | null;
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
}

/** Columns of `evaluations e`, with the pass score of its criteria set (which never changes once published). */
export const EVALUATION_COLUMNS = `e.id, e.robot_id, e.stage, e.domain, e.criteria_set_id, e.criteria_set_version,
  (SELECT s.pass_score FROM criteria_sets s WHERE s.id = e.criteria_set_id) AS pass_score, e.status, e.score,
  e.passed, e.results, e.evidence, e.failure_reason, e.attempts, e.awaiting_summaries, e.requested_by, e.created_at, e.started_at,
  e.completed_at`;

export function presentEvaluation(row: EvaluationRow): Evaluation {
  return {
    id: row.id,
    robotId: row.robot_id,
    stage: row.stage,
    domain: row.domain,
    criteriaSetId: row.criteria_set_id,
    criteriaSetVersion: row.criteria_set_version,
    passScore: row.pass_score,
    status: row.status,
    score: row.score,
    passed: row.passed,
    results: row.results ?? [],
    evidence: row.evidence,
    failureReason: row.failure_reason,
    attempts: row.attempts,
    awaitingSummaries: row.awaiting_summaries,
    requestedBy: row.requested_by,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
  };
}

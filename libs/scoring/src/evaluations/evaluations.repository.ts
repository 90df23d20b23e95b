import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CriterionResult,
  Domain,
  Evaluation,
  EvaluationEvidence,
  ListAllEvaluationsQuery,
  Page,
  Stage,
} from '@app/contract';
import { decodeIdCursor, toPage } from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { EvaluationsRow } from '../rows.generated';
import type { Verdict } from './score';

type EvaluationRow = EvaluationsRow & { pass_score: number };

/** An evaluation with the pass score of its criteria set (which never changes once published). */
const EVALUATION = `e.*, (SELECT s.pass_score FROM criteria_sets s WHERE s.id = e.criteria_set_id) AS pass_score`;

const UNFINISHED = `e.status IN ('queued', 'running')`;

/** TypeORM answers an UPDATE on PostgreSQL with [rows, rowCount]. */
type Updated<T> = [T[], number];

export interface NewEvaluation {
  robotId: string;
  stage: Stage;
  domain: Domain | null;
  criteriaSetId: string;
  criteriaSetVersion: number;
  requestedBy: string;
}

/**
 * Evaluations. Every change of an unfinished evaluation applies only while it is unfinished, so a
 * run repeating a crashed one finds the result already written (null) instead of writing it twice.
 */
@Injectable()
export class EvaluationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, evaluation: NewEvaluation): Promise<Evaluation> {
    const [row]: EvaluationRow[] = await manager.query(
      `INSERT INTO evaluations AS e (robot_id, stage, domain, criteria_set_id, criteria_set_version, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${EVALUATION}`,
      [
        evaluation.robotId,
        evaluation.stage,
        evaluation.domain,
        evaluation.criteriaSetId,
        evaluation.criteriaSetVersion,
        evaluation.requestedBy,
      ],
    );
    return toEvaluation(row);
  }

  async find(id: string): Promise<Evaluation | null> {
    const [row]: EvaluationRow[] = await this.dataSource.query(
      `SELECT ${EVALUATION} FROM evaluations e WHERE e.id = $1`,
      [id],
    );
    return row ? toEvaluation(row) : null;
  }

  async findUnfinished(id: string): Promise<Evaluation | null> {
    const [row]: EvaluationRow[] = await this.dataSource.query(
      `SELECT ${EVALUATION} FROM evaluations e WHERE e.id = $1 AND ${UNFINISHED}`,
      [id],
    );
    return row ? toEvaluation(row) : null;
  }

  async statusOf(id: string): Promise<Evaluation['status'] | null> {
    const [row]: Pick<EvaluationsRow, 'status'>[] = await this.dataSource.query(
      'SELECT status FROM evaluations WHERE id = $1',
      [id],
    );
    return row?.status ?? null;
  }

  /** One page by id descending (ids are time-ordered), among `robotIds` unless null. */
  async page(query: ListAllEvaluationsQuery, robotIds: readonly string[] | null): Promise<Page<Evaluation>> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const conditions: string[] = [];
    if (robotIds !== null) conditions.push(`e.robot_id = ANY(${param(robotIds)}::uuid[])`);
    if (query.robotId) conditions.push(`e.robot_id = ${param(query.robotId)}`);
    if (query.stage) conditions.push(`e.stage = ${param(query.stage)}`);
    if (query.status) conditions.push(`e.status = ${param(query.status)}`);
    if (query.passed !== undefined) conditions.push(`e.passed = ${param(query.passed)}`);
    if (query.cursor) conditions.push(`e.id < ${param(decodeIdCursor(query.cursor))}`);
    const rows: EvaluationRow[] = await this.dataSource.query(
      `SELECT ${EVALUATION} FROM evaluations e ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY e.id DESC LIMIT ${param(query.limit + 1)}`,
      params,
    );
    return toPage(rows, query.limit, (row) => [row.id], toEvaluation);
  }

  /** Ids of evaluations still unfinished a minute after they were asked for, oldest first. */
  async staleUnfinished(limit: number): Promise<string[]> {
    const rows: Pick<EvaluationsRow, 'id'>[] = await this.dataSource.query(
      `SELECT e.id FROM evaluations e WHERE ${UNFINISHED} AND e.created_at < now() - interval '1 minute'
        ORDER BY e.created_at LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.id);
  }

  /** A run begins: running, one attempt more, no longer waiting. */
  async start(id: string): Promise<Evaluation | null> {
    const [[row]]: Updated<EvaluationRow> = await this.dataSource.query(
      `UPDATE evaluations AS e SET status = 'running', attempts = e.attempts + 1, awaiting_summaries = NULL,
              started_at = coalesce(e.started_at, now())
        WHERE e.id = $1 AND ${UNFINISHED} RETURNING ${EVALUATION}`,
      [id],
    );
    return row ? toEvaluation(row) : null;
  }

  /** Waits for `count` summaries; answers when it first started. */
  async awaitSummaries(id: string, count: number): Promise<Date | null> {
    const [[row]]: Updated<Pick<EvaluationsRow, 'started_at'>> = await this.dataSource.query(
      `UPDATE evaluations AS e SET status = 'running', started_at = coalesce(e.started_at, now()),
              awaiting_summaries = $2
        WHERE e.id = $1 AND ${UNFINISHED} RETURNING e.started_at`,
      [id, count],
    );
    return row?.started_at ?? null;
  }

  async complete(
    manager: EntityManager,
    id: string,
    outcome: Verdict,
    evidence: EvaluationEvidence,
  ): Promise<Evaluation | null> {
    const [[row]]: Updated<EvaluationRow> = await manager.query(
      `UPDATE evaluations AS e SET status = 'completed', score = $2, passed = $3, results = $4, evidence = $5,
              completed_at = now(), awaiting_summaries = NULL
        WHERE e.id = $1 AND ${UNFINISHED} RETURNING ${EVALUATION}`,
      [id, outcome.score, outcome.passed, JSON.stringify(outcome.results), JSON.stringify(evidence)],
    );
    return row ? toEvaluation(row) : null;
  }

  async fail(manager: EntityManager, id: string, reason: string): Promise<Evaluation | null> {
    const [[row]]: Updated<EvaluationRow> = await manager.query(
      `UPDATE evaluations AS e SET status = 'failed', failure_reason = $2, completed_at = now(),
              awaiting_summaries = NULL
        WHERE e.id = $1 AND ${UNFINISHED} RETURNING ${EVALUATION}`,
      [id, reason],
    );
    return row ? toEvaluation(row) : null;
  }
}

function toEvaluation(row: EvaluationRow): Evaluation {
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
    results: (row.results as CriterionResult[] | null) ?? [],
    evidence: row.evidence === null ? null : evidenceOf(row.evidence),
    failureReason: row.failure_reason,
    attempts: row.attempts,
    awaitingSummaries: row.awaiting_summaries,
    requestedBy: row.requested_by,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
  };
}

/** Evidence stored before exams were counted has no `exams`: it used none. */
function evidenceOf(stored: unknown): EvaluationEvidence {
  const evidence = stored as Omit<EvaluationEvidence, 'exams'> & { exams?: EvaluationEvidence['exams'] };
  return { ...evidence, exams: evidence.exams ?? [] };
}

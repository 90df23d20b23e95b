import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ExamProtocol, ExamStatus, TrialDecision, TrialOutcome } from '@app/contract';
import { byConstraint, conflict, notFound, SqlWhere, unprocessable } from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { ExamsRow, ExamTrialsConstraint, ExamTrialsRow } from '../rows.generated';
import type { Variations } from '../rules/exam-plan-rules';

/** An exam as stored: what the service builds the API's shape from. */
export interface StoredExam {
  id: string;
  robotId: string;
  taskKey: string;
  protocol: ExamProtocol;
  seed: number;
  variations: Variations;
  protocolDigest: string;
  status: ExamStatus;
  trialCount: number;
  llr: number;
  ledgerHead: string;
  decidedAt: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface StoredTrial {
  index: number;
  outcome: TrialOutcome;
  recordedAt: string;
  recordedBy: string;
  sessionId: string | null;
  attemptId: string | null;
  note: string | null;
  prevHash: string;
  hash: string;
  decision: TrialDecision;
  llr: number;
}

export interface NewExam {
  id: string;
  robotId: string;
  taskKey: string;
  protocol: ExamProtocol;
  seed: number;
  variations: Variations;
  protocolDigest: string;
  createdBy: string;
}

export interface ExamFilter {
  robotIds: readonly string[] | null;
  robotId?: string;
  status?: ExamStatus;
}

@Injectable()
export class ExamsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A fresh time-ordered id: the protocol digest covers it, so it is known before the insert. */
  async newId(manager: EntityManager): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query('SELECT field_uuid_v7() AS id');
    return id;
  }

  async insert(manager: EntityManager, exam: NewExam): Promise<StoredExam> {
    const { method, p0, p1, alpha, beta, maxTrials } = exam.protocol;
    const [row]: ExamsRow[] = await manager.query(
      `INSERT INTO exams (id, robot_id, task_key, method, p0, p1, alpha, beta, max_trials, seed, variations,
         protocol_digest, ledger_head, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) RETURNING *`,
      [
        exam.id,
        exam.robotId,
        exam.taskKey,
        method,
        p0,
        p1,
        alpha,
        beta,
        maxTrials,
        exam.seed,
        JSON.stringify(exam.variations),
        exam.protocolDigest,
        exam.createdBy,
      ],
    );
    return presentExam(row);
  }

  async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<StoredExam | null> {
    const [row]: ExamsRow[] = await manager.query('SELECT * FROM exams WHERE id = $1', [id]);
    return row ? presentExam(row) : null;
  }

  /** Locks the exam's row until the transaction ends: trials of one exam are recorded one at a time. */
  async lock(manager: EntityManager, id: string): Promise<StoredExam> {
    const [row]: ExamsRow[] = await manager.query('SELECT * FROM exams WHERE id = $1 FOR UPDATE', [id]);
    if (!row) throw notFound('exam', id);
    return presentExam(row);
  }

  async list(filter: ExamFilter, afterId: string | null, limit: number): Promise<StoredExam[]> {
    const where = new SqlWhere();
    if (filter.robotIds !== null) where.and(`robot_id = ANY(${where.param(filter.robotIds)}::uuid[])`);
    if (filter.robotId) where.and(`robot_id = ${where.param(filter.robotId)}`);
    if (filter.status) where.and(`status = ${where.param(filter.status)}`);
    if (afterId !== null) where.and(`id < ${where.param(afterId)}`);
    const rows: ExamsRow[] = await this.dataSource.query(
      `SELECT * FROM exams ${where} ORDER BY id DESC LIMIT ${where.param(limit)}`,
      where.params,
    );
    return rows.map(presentExam);
  }

  /** For each task key, the robot's most recently decided exam. */
  async latestDecided(robotId: string, taskKeys: readonly string[]): Promise<StoredExam[]> {
    const rows: ExamsRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (task_key) * FROM exams
        WHERE robot_id = $1 AND task_key = ANY($2::text[]) AND decided_at IS NOT NULL
        ORDER BY task_key, decided_at DESC, id DESC`,
      [robotId, taskKeys],
    );
    return rows.map(presentExam);
  }

  async trialsOf(examIds: readonly string[], manager: EntityManager = this.dataSource.manager) {
    const byExam = new Map<string, StoredTrial[]>(examIds.map((id) => [id, []]));
    if (examIds.length === 0) return byExam;
    const rows: ExamTrialsRow[] = await manager.query(
      'SELECT * FROM exam_trials WHERE exam_id = ANY($1::uuid[]) ORDER BY exam_id, index',
      [examIds],
    );
    for (const row of rows) byExam.get(row.exam_id)?.push(presentTrial(row));
    return byExam;
  }

  async insertTrial(manager: EntityManager, examId: string, trial: StoredTrial): Promise<StoredTrial> {
    try {
      const [row]: ExamTrialsRow[] = await manager.query(
        `INSERT INTO exam_trials (exam_id, index, outcome, recorded_at, recorded_by, session_id, attempt_id, note,
           prev_hash, hash, decision, llr)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
        [
          examId,
          trial.index,
          trial.outcome,
          trial.recordedAt,
          trial.recordedBy,
          trial.sessionId,
          trial.attemptId,
          trial.note,
          trial.prevHash,
          trial.hash,
          trial.decision,
          trial.llr,
        ],
      );
      return presentTrial(row);
    } catch (error) {
      throw byConstraint<ExamTrialsConstraint>(error, {
        exam_trials_pkey: () => conflict(`trial ${trial.index} of exam ${examId} is already recorded`),
        exam_trials_session_id_fkey: () => unprocessable('sessionId names no session'),
      });
    }
  }

  async advance(
    manager: EntityManager,
    id: string,
    next: { trialCount: number; llr: number; ledgerHead: string; status: ExamStatus; decidedAt: string | null },
  ): Promise<void> {
    await manager.query(
      'UPDATE exams SET trial_count = $2, llr = $3, ledger_head = $4, status = $5, decided_at = $6 WHERE id = $1',
      [id, next.trialCount, next.llr, next.ledgerHead, next.status, next.decidedAt],
    );
  }
}

function presentExam(row: ExamsRow): StoredExam {
  return {
    id: row.id,
    robotId: row.robot_id,
    taskKey: row.task_key,
    protocol: {
      method: row.method as ExamProtocol['method'],
      p0: row.p0,
      p1: row.p1,
      alpha: row.alpha,
      beta: row.beta,
      maxTrials: row.max_trials,
    },
    seed: row.seed,
    variations: row.variations as Variations,
    protocolDigest: row.protocol_digest,
    status: row.status,
    trialCount: row.trial_count,
    llr: row.llr,
    ledgerHead: row.ledger_head,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

function presentTrial(row: ExamTrialsRow): StoredTrial {
  return {
    index: row.index,
    outcome: row.outcome,
    recordedAt: row.recorded_at.toISOString(),
    recordedBy: row.recorded_by,
    sessionId: row.session_id,
    attemptId: row.attempt_id,
    note: row.note,
    prevHash: row.prev_hash,
    hash: row.hash,
    decision: row.decision,
    llr: row.llr,
  };
}

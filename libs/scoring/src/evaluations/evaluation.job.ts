import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CriteriaSet,
  Domain,
  EVALUATION_COMPLETED_EVENT,
  Evaluation,
  EvaluationEvidence,
  parseMetricKey,
  ReportExam,
} from '@app/contract';
import { RobotsService } from '@app/enrollment';
import { ExamsService } from '@app/exams';
import { BaysService } from '@app/field';
import {
  AuditService,
  defineJob,
  DomainError,
  EventBus,
  FIELD_CONFIG,
  FieldConfig,
  HandlesJob,
  JobHandler,
  JobRun,
} from '@app/platform';
import { SessionQueriesService } from '@app/scheduling';
import { UnrecoverableError } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { CriteriaSetsService } from '../criteria/criteria-sets.service';
import { measure } from '../metrics/compute';
import { examEvidence, examTaskKeys } from '../metrics/exams';
import type { RobotSessionSummary } from '../metrics/session-summary';
import { SessionSummariesRepository, StoredSummary } from '../summaries/session-summaries.repository';
import { SummaryTrigger } from '../summaries/summary-trigger';
import { EvaluationsRepository } from './evaluations.repository';
import { evidenceWait, PendingSummary } from './evidence-wait';
import { verdict, Verdict } from './score';

export interface EvaluatePayload {
  evaluationId: string;
}

export const EVALUATE = defineJob<EvaluatePayload>('scoring.evaluate', 'scoring', { attempts: 5, backoffMs: 1_000 });

/** The deterministic job id: one job per evaluation, however often it is enqueued. */
export const evaluationJobId = (evaluationId: string) => `evaluation-${evaluationId}`;

/**
 * Scores one evaluation: every criterion of its criteria set against the robot's specs, the
 * summaries of its sessions completed before it was asked for (a handful of indexed reads, never
 * raw telemetry; it waits for summaries still to be made, see evidenceWait) and the latest decided
 * exams of the tasks its exam criteria name (recorded in the evidence), then stores
 * the result and, for admission, the robot's new status in one transaction. The write only applies
 * to an unfinished evaluation, so a run that repeats a crashed one either writes the result once or
 * finds it already written; a crash before the commit leaves nothing behind.
 */
@Injectable()
@HandlesJob(EVALUATE)
export class EvaluationJob implements JobHandler<EvaluatePayload> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly evaluations: EvaluationsRepository,
    private readonly criteriaSets: CriteriaSetsService,
    private readonly robots: RobotsService,
    private readonly summaries: SessionSummariesRepository,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly sessions: SessionQueriesService,
    private readonly bays: BaysService,
    private readonly trigger: SummaryTrigger,
    private readonly exams: ExamsService,
    @Inject(FIELD_CONFIG) private readonly config: FieldConfig,
  ) {}

  async handle(
    { evaluationId }: EvaluatePayload,
    run: JobRun,
  ): Promise<{ score: number; passed: boolean } | { skipped: string }> {
    const requested = await this.evaluations.findUnfinished(evaluationId);
    if (!requested) return this.alreadyFinished(evaluationId);
    const sessions = requested.stage === 'graduation' ? await this.evidence(requested, run) : [];
    if (sessions === null) return this.alreadyFinished(evaluationId);

    const started = await this.evaluations.start(evaluationId);
    if (!started) return this.alreadyFinished(evaluationId);

    const set = await this.criteriaSets.get(started.criteriaSetId);
    const unknown = set.criteria.find((criterion) => parseMetricKey(criterion.metric) === null);
    if (unknown) {
      throw new UnrecoverableError(`criterion ${unknown.key} names ${unknown.metric}, which this field cannot compute`);
    }
    const [robot] = await this.robots.findByIds([started.robotId]);
    if (!robot) throw new UnrecoverableError(`there is no robot ${started.robotId}`);
    // The latest decided exam of each task the criteria name: what the metrics read and the evidence records.
    const exams = await this.exams.latestDecided(
      started.robotId,
      examTaskKeys(set.criteria.map((criterion) => criterion.metric)),
    );
    const outcome = verdict(set.criteria, set.passScore, (metric) =>
      measure(metric, { specs: robot.specs, sessions, exams, domain: started.domain }),
    );

    const completed = await this.dataSource.transaction((manager) =>
      this.complete(manager, started, set, outcome, evidenceOf(sessions, exams.map(examEvidence))),
    );
    if (!completed) return { skipped: 'another run completed it first' };
    await this.events.publish(EVALUATION_COMPLETED_EVENT, completed);
    return { score: outcome.score, passed: outcome.passed };
  }

  /**
   * The summaries of the robot's sessions completed before the evaluation was asked for, in its
   * domain. While some are still to be made, it makes sure they are on their way and the job waits
   * (it never scores without them), until the bound of evidenceWait; null when the evaluation
   * finished meanwhile.
   */
  private async evidence(requested: Evaluation, run: JobRun): Promise<StoredSummary[] | null> {
    // created_at has microseconds, a Date only milliseconds: a session ended in the request's millisecond counts.
    const requestedAt = new Date(Date.parse(requested.createdAt) + 1);
    const completed = await this.sessions.completedOf(requested.robotId, requestedAt);
    const stored = await this.summaries.ofSessions(
      requested.robotId,
      completed.map((session) => session.id),
    );
    const summarised = new Set(stored.map((summary) => summary.sessionId));
    const unsummarised = completed.filter((session) => !summarised.has(session.id));
    const missing = await this.inDomain(unsummarised, requested.domain);
    if (missing.length > 0) {
      const pending = missing.map((session) => ({ sessionId: session.id, endedAt: session.endedAt }));
      if (!(await this.waitFor(requested.id, pending, run))) return null;
    }
    return stored.filter((summary) => requested.domain === null || summary.domain === requested.domain);
  }

  private async inDomain<T extends { bayId: string }>(sessions: T[], domain: Domain | null): Promise<T[]> {
    if (domain === null || sessions.length === 0) return sessions;
    const domains = new Map<string, Domain>();
    for (const bayId of new Set(sessions.map((session) => session.bayId))) {
      domains.set(bayId, (await this.bays.get(bayId)).domain);
    }
    return sessions.filter((session) => domains.get(session.bayId) === domain);
  }

  /**
   * Puts the job back until the summaries are due, or fails it with the reason. Returns only when
   * there is nothing to wait for: true to go on, false when the evaluation finished meanwhile.
   */
  private async waitFor(evaluationId: string, pending: PendingSummary[], run: JobRun): Promise<boolean> {
    const startedAt = await this.evaluations.awaitSummaries(evaluationId, pending.length);
    if (!startedAt) return false;
    const wait = evidenceWait(pending, startedAt.getTime(), Date.now(), {
      summaryDelayMs: this.config.summaryDelayMs,
      waitMs: this.config.evidenceWaitMs,
    });
    if (wait.kind === 'give-up') throw new UnrecoverableError(wait.reason);
    for (const session of pending) {
      const failure = await this.trigger.ensure(session, evaluationId);
      if (failure !== null) {
        throw new UnrecoverableError(
          `the summary of session ${session.sessionId} could not be made (${failure}); an evaluation never scores without it`,
        );
      }
    }
    if (wait.kind === 'ready') return true;
    return run.delayUntil(wait.until);
  }

  /** BullMQ gave up on the job: the evaluation fails with the reason, unless it finished meanwhile. */
  async failed({ evaluationId }: EvaluatePayload, reason: string): Promise<void> {
    const failed = await this.dataSource.transaction(async (manager) => {
      const failed = await this.evaluations.fail(manager, evaluationId, reason);
      if (!failed) return null;
      await this.audit.record(
        {
          action: 'evaluation.fail',
          entity: 'evaluation',
          entityId: evaluationId,
          actor: null,
          after: { status: 'failed' },
          details: { reason },
        },
        manager,
      );
      return failed;
    });
    if (failed) await this.events.publish(EVALUATION_COMPLETED_EVENT, failed);
  }

  private async complete(
    manager: EntityManager,
    started: Evaluation,
    set: CriteriaSet,
    outcome: Verdict,
    evidence: EvaluationEvidence,
  ): Promise<Evaluation | null> {
    const completed = await this.evaluations.complete(manager, started.id, outcome, evidence);
    if (!completed) return null;
    if (started.stage === 'admission') {
      try {
        await this.robots.applyEvent(started.robotId, outcome.passed ? 'admission_passed' : 'admission_failed', {
          reason: `admission evaluation ${started.id} (${set.name}, version ${set.version}): score ${outcome.score}`,
          actorId: null,
          manager,
        });
      } catch (error) {
        // The robot moved on meanwhile (admitted by hand, withdrawn): this result can never apply.
        if (error instanceof DomainError && error.code === 'conflict') throw new UnrecoverableError(error.detail);
        throw error;
      }
    }
    await this.audit.record(
      {
        action: 'evaluation.complete',
        entity: 'evaluation',
        entityId: started.id,
        actor: null,
        after: { status: 'completed', score: outcome.score, passed: outcome.passed },
        details: { robotId: started.robotId, stage: started.stage, criteriaSetVersion: set.version },
      },
      manager,
    );
    return completed;
  }

  private async alreadyFinished(evaluationId: string): Promise<{ skipped: string }> {
    const status = await this.evaluations.statusOf(evaluationId);
    if (!status) throw new UnrecoverableError(`there is no evaluation ${evaluationId}`);
    return { skipped: `the evaluation is already ${status}` };
  }
}

function evidenceOf(sessions: readonly RobotSessionSummary[], exams: ReportExam[]): EvaluationEvidence {
  const sum = (count: (session: RobotSessionSummary) => number) =>
    sessions.reduce((total, session) => total + count(session), 0);
  return {
    sessionIds: sessions.map((session) => session.sessionId),
    samples: {
      telemetry: sum((session) => session.telemetrySamples),
      taskAttempts: sum((session) => session.tasks.attempts),
      teleop: sum((session) => session.teleopSamples),
      heartbeats: sum((session) => session.heartbeats),
    },
    exams,
  };
}

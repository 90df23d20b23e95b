import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CreateExamBody,
  Exam,
  EXAM_DECIDED_EVENT,
  ExamQuery,
  ExamTrial,
  Page,
  RecordedTrial,
  RecordTrialBody,
  sprtBounds,
} from '@app/contract';
import { RobotsService } from '@app/enrollment';
import {
  Actor,
  AuditService,
  conflict,
  decodeIdCursor,
  EventBus,
  notFound,
  toPage,
  unprocessable,
  vendorScopeOf,
} from '@app/platform';
import { SessionQueriesService } from '@app/scheduling';
import { DataSource } from 'typeorm';
import { clopperPearson } from '../rules/clopper-pearson-rules';
import { drawPlan } from '../rules/exam-plan-rules';
import { ledgerIntact, protocolDigest, trialHash } from '../rules/ledger-rules';
import { afterTrial, sprtOf } from '../rules/sprt-rules';
import { TasksService } from '../tasks/tasks.service';
import { ExamsRepository, StoredExam, StoredTrial } from './exams.repository';

/**
 * Graduation exams: a protocol fixed at creation, trials judged by people and chained in a
 * ledger, and Wald's SPRT deciding after each trial.
 */
@Injectable()
export class ExamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly exams: ExamsRepository,
    private readonly tasks: TasksService,
    private readonly robots: RobotsService,
    private readonly sessions: SessionQueriesService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  async create(body: CreateExamBody, actor: Actor): Promise<Exam> {
    const [robot] = await this.robots.findByIds([body.robotId]);
    if (!robot) throw unprocessable(`robotId names no robot`);
    if (robot.status !== 'enrolled') throw unprocessable(`robot ${robot.id} is ${robot.status}, not enrolled`);
    const task = await this.tasks.find(body.taskKey);
    if (!task) throw unprocessable(`taskKey ${body.taskKey} is not in the task catalogue`);
    const seed = body.seed ?? randomInt(0, 2 ** 31);
    const created = await this.dataSource.transaction(async (manager) => {
      const id = await this.exams.newId(manager);
      const exam = await this.exams.insert(manager, {
        id,
        robotId: robot.id,
        taskKey: task.key,
        protocol: body.protocol,
        seed,
        variations: task.variations,
        protocolDigest: protocolDigest({
          examId: id,
          robotId: robot.id,
          taskKey: task.key,
          protocol: body.protocol,
          seed,
        }),
        createdBy: actor.id,
      });
      await this.audit.record(
        {
          action: 'exam.create',
          entity: 'exam',
          entityId: exam.id,
          after: {
            robotId: exam.robotId,
            taskKey: exam.taskKey,
            protocol: exam.protocol,
            seed,
            digest: exam.protocolDigest,
          },
        },
        manager,
      );
      return exam;
    });
    return present(created, []);
  }

  /** A null actor reads as the system: no vendor scope. */
  async get(id: string, actor: Actor | null): Promise<Exam> {
    const exam = await this.exams.find(id);
    if (!exam || !(await this.maySee(exam.robotId, actor))) throw notFound('exam', id);
    const trials = await this.exams.trialsOf([id]);
    return present(exam, trials.get(id) ?? []);
  }

  /** Newest first. */
  async list(query: ExamQuery, actor: Actor): Promise<Page<Exam>> {
    const vendorId = vendorScopeOf(actor);
    const robotIds = vendorId === null ? null : await this.robots.idsOfVendor(vendorId);
    const afterId = query.cursor ? decodeIdCursor(query.cursor) : null;
    const exams = await this.exams.list(
      { robotIds, robotId: query.robotId, status: query.status },
      afterId,
      query.limit + 1,
    );
    const trials = await this.exams.trialsOf(exams.slice(0, query.limit).map((exam) => exam.id));
    return toPage(
      exams,
      query.limit,
      (exam) => [exam.id],
      (exam) => present(exam, trials.get(exam.id) ?? []),
    );
  }

  /** For each task key, the robot's most recently decided exam, if any. */
  async latestDecided(robotId: string, taskKeys: readonly string[]): Promise<Exam[]> {
    if (taskKeys.length === 0) return [];
    const exams = await this.exams.latestDecided(robotId, taskKeys);
    const trials = await this.exams.trialsOf(exams.map((exam) => exam.id));
    return exams.map((exam) => present(exam, trials.get(exam.id) ?? []));
  }

  async recordTrial(id: string, body: RecordTrialBody, actor: Actor): Promise<RecordedTrial> {
    const { trial, decided } = await this.dataSource.transaction(async (manager) => {
      // The row lock numbers concurrent trials one after another; the primary key guards the rest.
      const exam = await this.exams.lock(manager, id);
      if (exam.status !== 'open') throw conflict(`exam ${id} is decided (${exam.status}); it takes no more trials`);
      if (body.sessionId) await this.checkSession(body.sessionId, exam.robotId);
      const next = afterTrial(
        sprtOf(exam.protocol),
        { trials: exam.trialCount, llr: exam.llr },
        body.outcome === 'success',
      );
      const entry = { index: next.trials, outcome: body.outcome, recordedAt: new Date().toISOString() };
      const hash = trialHash(id, entry, exam.ledgerHead);
      const recorded = await this.exams.insertTrial(manager, id, {
        ...entry,
        recordedBy: actor.id,
        sessionId: body.sessionId ?? null,
        attemptId: body.attemptId ?? null,
        note: body.note ?? null,
        prevHash: exam.ledgerHead,
        hash,
        decision: next.decision,
        llr: next.llr,
      });
      const status = next.decision === 'continue' ? 'open' : next.decision;
      await this.exams.advance(manager, id, {
        trialCount: next.trials,
        llr: next.llr,
        ledgerHead: hash,
        status,
        decidedAt: status === 'open' ? null : recorded.recordedAt,
      });
      await this.audit.record(
        {
          action: 'exam.trial',
          entity: 'exam',
          entityId: id,
          details: { index: recorded.index, outcome: recorded.outcome, decision: recorded.decision, hash },
        },
        manager,
      );
      return { trial: recorded, decided: status !== 'open' };
    });
    if (decided) await this.events.publish(EXAM_DECIDED_EVENT, await this.get(id, null));
    return presentTrial(trial);
  }

  private async checkSession(sessionId: string, robotId: string): Promise<void> {
    const session = await this.sessions.find(sessionId);
    if (!session) throw unprocessable(`sessionId ${sessionId} names no session`);
    if (!session.robotIds.includes(robotId)) {
      throw unprocessable(`session ${sessionId} does not include the exam's robot`);
    }
  }

  private async maySee(robotId: string, actor: Actor | null): Promise<boolean> {
    const vendorId = actor ? vendorScopeOf(actor) : null;
    if (vendorId === null) return true;
    const [robot] = await this.robots.findByIds([robotId]);
    return robot?.vendorId === vendorId;
  }
}

function presentTrial(trial: StoredTrial): ExamTrial {
  const { prevHash: _prevHash, ...shown } = trial;
  return shown;
}

function present(exam: StoredExam, trials: readonly StoredTrial[]): Exam {
  const facts = {
    examId: exam.id,
    robotId: exam.robotId,
    taskKey: exam.taskKey,
    protocol: exam.protocol,
    seed: exam.seed,
  };
  const intact =
    protocolDigest(facts) === exam.protocolDigest &&
    ledgerIntact(exam.id, exam.protocolDigest, trials) &&
    (trials.at(-1)?.hash ?? exam.protocolDigest) === exam.ledgerHead;
  const successes = trials.filter((trial) => trial.outcome === 'success').length;
  return {
    id: exam.id,
    robotId: exam.robotId,
    taskKey: exam.taskKey,
    status: exam.status,
    protocol: exam.protocol,
    seed: exam.seed,
    plan: drawPlan(exam.seed, exam.variations, exam.protocol.maxTrials),
    trials: trials.map(presentTrial),
    llr: exam.llr,
    bounds: sprtBounds(exam.protocol),
    protocolDigest: exam.protocolDigest,
    ledgerHead: exam.ledgerHead,
    ledgerIntact: intact,
    createdBy: exam.createdBy,
    createdAt: exam.createdAt,
    decidedAt: exam.decidedAt,
    interval: exam.status === 'open' ? null : clopperPearson(successes, trials.length),
  };
}

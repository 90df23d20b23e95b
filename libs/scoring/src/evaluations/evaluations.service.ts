import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Evaluation,
  ListAllEvaluationsQuery,
  ListEvaluationsQuery,
  Page,
  RequestEvaluationBody,
  Robot,
  RobotStatus,
  Stage,
} from '@app/contract';
import { RobotsService } from '@app/enrollment';
import {
  Actor,
  AuditService,
  conflict,
  decodeIdCursor,
  DomainError,
  JobsService,
  notFound,
  toPage,
  unprocessable,
  vendorScopeOf,
} from '@app/platform';
import { DataSource } from 'typeorm';
import { CriteriaSetsService } from '../criteria/criteria-sets.service';
import { EVALUATE, evaluationJobId } from './evaluation.job';
import { EVALUATION_COLUMNS, EvaluationRow, presentEvaluation } from './evaluation-rows';

/** Whom each stage evaluates: applicants for admission, enrolled students for graduation. */
const EVALUATED: Record<Stage, readonly RobotStatus[]> = {
  admission: ['applied', 'rejected'],
  graduation: ['enrolled'],
};

/** Asking for evaluations and reading them; the scoring job (EvaluationJob) does the work. */
@Injectable()
export class EvaluationsService {
  private readonly logger = new Logger(EvaluationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly robots: RobotsService,
    private readonly criteriaSets: CriteriaSetsService,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records a queued evaluation against the criteria set in force now (which it keeps for good),
   * then enqueues its job under a deterministic id. Should the enqueue fail or be lost, the sweeper enqueues it.
   */
  async request(robotId: string, body: RequestEvaluationBody, actor: Actor): Promise<Evaluation> {
    const robot = await this.robots.get(robotId, actor);
    assertEvaluable(robot, body.stage);
    const domain = body.domain ?? robot.domains[0];
    const set = await this.criteriaSets.activeFor(body.stage, domain);
    if (!set) {
      throw unprocessable(
        `there is no active ${body.stage} criteria set for ${domain} nor one for every domain; publish one first`,
      );
    }
    // While Redis is away, refuse before recording anything rather than record what cannot be run.
    await this.jobs.assertAvailable(EVALUATE);
    const evaluation = await this.dataSource.transaction(async (manager) => {
      const [row]: EvaluationRow[] = await manager.query(
        `INSERT INTO evaluations AS e (robot_id, stage, domain, criteria_set_id, criteria_set_version, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${EVALUATION_COLUMNS}`,
        [robotId, body.stage, set.domain, set.id, set.version, actor.id],
      );
      const queued = presentEvaluation(row);
      await this.audit.record(
        {
          action: 'evaluation.request',
          entity: 'evaluation',
          entityId: queued.id,
          after: { robotId, stage: queued.stage, criteriaSetId: set.id, criteriaSetVersion: set.version },
        },
        manager,
      );
      return queued;
    });
    try {
      await this.jobs.enqueue(EVALUATE, { evaluationId: evaluation.id }, { jobId: evaluationJobId(evaluation.id) });
    } catch (error) {
      // It is recorded as queued, and the sweeper enqueues it: a 503 now would invite a duplicate.
      this.logger.warn(
        { err: error, evaluationId: evaluation.id },
        'could not enqueue an evaluation; the sweeper will',
      );
    }
    return evaluation;
  }

  async get(id: string, actor: Actor): Promise<Evaluation> {
    const rows: EvaluationRow[] = await this.dataSource.query(
      `SELECT ${EVALUATION_COLUMNS} FROM evaluations e WHERE e.id = $1`,
      [id],
    );
    if (rows.length === 0 || !(await this.maySee(rows[0].robot_id, actor))) throw notFound('evaluation', id);
    return presentEvaluation(rows[0]);
  }

  /** The robot's evaluations, newest first. */
  async listForRobot(robotId: string, query: ListEvaluationsQuery, actor: Actor): Promise<Page<Evaluation>> {
    await this.robots.get(robotId, actor);
    return this.page({ ...query, robotId }, null);
  }

  /** Evaluations of every robot the actor may see (a vendor: its own), newest first. */
  async list(query: ListAllEvaluationsQuery, actor: Actor): Promise<Page<Evaluation>> {
    const vendorId = vendorScopeOf(actor);
    return this.page(query, vendorId === null ? null : await this.robots.idsOfVendor(vendorId));
  }

  /** One page of evaluations, by id descending (ids are time-ordered), among `robotIds` unless null. */
  private async page(query: ListAllEvaluationsQuery, robotIds: readonly string[] | null): Promise<Page<Evaluation>> {
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
      `SELECT ${EVALUATION_COLUMNS} FROM evaluations e ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY e.id DESC LIMIT ${param(query.limit + 1)}`,
      params,
    );
    return toPage(rows, query.limit, (row) => [row.id], presentEvaluation);
  }

  private async maySee(robotId: string, actor: Actor): Promise<boolean> {
    if (vendorScopeOf(actor) === null) return true;
    try {
      await this.robots.get(robotId, actor);
      return true;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') return false;
      throw error;
    }
  }
}

function assertEvaluable(robot: Robot, stage: Stage): void {
  if (EVALUATED[stage].includes(robot.status)) return;
  throw conflict(
    `the robot is ${robot.status}; ${stage === 'admission' ? 'admission evaluates applied or rejected robots' : 'graduation evaluates enrolled robots'}`,
  );
}

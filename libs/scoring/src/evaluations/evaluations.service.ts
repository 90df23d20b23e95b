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
  DomainError,
  JobsService,
  notFound,
  unprocessable,
  vendorScopeOf,
} from '@app/platform';
import { DataSource } from 'typeorm';
import { CriteriaSetsService } from '../criteria/criteria-sets.service';
import { EVALUATE, evaluationJobId } from './evaluation.job';
import { EvaluationsRepository } from './evaluations.repository';

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
    private readonly evaluations: EvaluationsRepository,
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
      const queued = await this.evaluations.insert(manager, {
        robotId,
        stage: body.stage,
        domain: set.domain,
        criteriaSetId: set.id,
        criteriaSetVersion: set.version,
        requestedBy: actor.id,
      });
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
    const evaluation = await this.evaluations.find(id);
    if (!evaluation || !(await this.maySee(evaluation.robotId, actor))) throw notFound('evaluation', id);
    return evaluation;
  }

  /** The robot's evaluations, newest first. */
  async listForRobot(robotId: string, query: ListEvaluationsQuery, actor: Actor): Promise<Page<Evaluation>> {
    await this.robots.get(robotId, actor);
    return this.evaluations.page({ ...query, robotId }, null);
  }

  /** Evaluations of every robot the actor may see (a vendor: its own), newest first. */
  async list(query: ListAllEvaluationsQuery, actor: Actor): Promise<Page<Evaluation>> {
    const vendorId = vendorScopeOf(actor);
    return this.evaluations.page(query, vendorId === null ? null : await this.robots.idsOfVendor(vendorId));
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

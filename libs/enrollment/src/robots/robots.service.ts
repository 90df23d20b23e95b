import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AdmissionDecisionBody,
  CreateRobotBody,
  ListRobotsQuery,
  Page,
  PageQuery,
  Robot,
  RobotStatusChange,
  UpdateRobotBody,
  WithdrawBody,
} from '@app/contract';
import {
  Actor,
  AuditService,
  byConstraint,
  conflict,
  decodeIdCursor,
  EventBus,
  missingReference,
  notFound,
  toPage,
  vendorScopeOf,
} from '@app/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { RobotEvent, transition } from './robot-lifecycle';
import { RobotEntity, RobotStatusChangeEntity } from './robot.entity';

export interface TransitionOptions {
  reason?: string | null;
  /** The person or job behind the change; null for the system. */
  actorId?: string | null;
  /** Join a caller's transaction, so the status moves together with what caused it. */
  manager?: EntityManager;
}

/**
 * Published when a robot's device token stops working (replaced, or the robot withdrawn), so that
 * every process closes the robot's `/robot` connection.
 */
export const ROBOT_LINK_REVOKED = 'robot.link_revoked';

/** Robots as students: registration, their lifecycle, and what each role may see of them. */
@Injectable()
export class RobotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  create(body: CreateRobotBody, actor: Actor): Promise<Robot> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(RobotEntity);
      let robot: RobotEntity;
      try {
        robot = await repo.save(
          repo.create({
            serialNumber: body.serialNumber,
            name: body.name,
            vendorId: body.vendorId,
            model: body.model,
            form: body.form,
            domains: body.domains,
            specs: body.specs,
            cohortId: body.cohortId ?? null,
            status: 'applied',
          }),
        );
      } catch (error) {
        throw byConstraint(error, {
          robots_serial_number_key: () =>
            conflict(`a robot with the serial number ${body.serialNumber} is already registered`),
          robots_vendor_id_fkey: () => missingReference('vendorId', 'vendor'),
          robots_cohort_id_fkey: () => missingReference('cohortId', 'cohort'),
        });
      }
      await manager.getRepository(RobotStatusChangeEntity).insert({
        robotId: robot.id,
        fromStatus: null,
        toStatus: 'applied',
        reason: 'registered',
        actorId: actor.id,
      });
      const created = presentRobot(robot);
      await this.audit.record({ action: 'robot.create', entity: 'robot', entityId: robot.id, after: created }, manager);
      return created;
    });
  }

  async get(id: string, actor: Actor): Promise<Robot> {
    return presentRobot(await this.findVisible(id, actor));
  }

  /** 404 unless the robot exists and the actor may see it (a vendor sees only its own). */
  async findVisible(id: string, actor: Actor, manager: EntityManager = this.dataSource.manager): Promise<RobotEntity> {
    const scope = vendorScopeOf(actor);
    const robot = await manager.getRepository(RobotEntity).findOneBy(scope === null ? { id } : { id, vendorId: scope });
    if (!robot) throw notFound('robot', id);
    return robot;
  }

  /**
   * The named robots, share-locked so that none can be withdrawn while a booking of it commits.
   * Robots that do not exist are simply absent.
   */
  async findForBooking(ids: readonly string[], manager: EntityManager): Promise<Robot[]> {
    if (ids.length === 0) return [];
    const rows: RobotRow[] = await manager.query(
      `SELECT ${ROBOT_COLUMNS} FROM robots WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE`,
      [ids],
    );
    return rows.map((row) => presentRobot(fromRow(row)));
  }

  async findByIds(ids: readonly string[]): Promise<Robot[]> {
    if (ids.length === 0) return [];
    const robots = await this.dataSource.getRepository(RobotEntity).findBy({ id: In([...ids]) });
    return robots.map(presentRobot);
  }

  /** Ids of a vendor's robots: what a vendor user may see of sessions and telemetry. */
  async idsOfVendor(vendorId: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(RobotEntity)
      .find({ select: { id: true }, where: { vendorId }, order: { id: 'ASC' } });
    return rows.map((row) => row.id);
  }

  async list(query: ListRobotsQuery, actor: Actor): Promise<Page<Robot>> {
    const qb = this.dataSource.getRepository(RobotEntity).createQueryBuilder('r');
    const scope = vendorScopeOf(actor);
    if (scope !== null) qb.andWhere('r.vendor_id = :scope', { scope });
    if (query.vendorId) qb.andWhere('r.vendor_id = :vendorId', { vendorId: query.vendorId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.cohortId) qb.andWhere('r.cohort_id = :cohortId', { cohortId: query.cohortId });
    if (query.domain) qb.andWhere(':domain = ANY(r.domains)', { domain: query.domain });
    if (query.cursor) qb.andWhere('r.id > :after', { after: decodeIdCursor(query.cursor) });
    const rows = await qb
      .orderBy('r.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    return toPage(rows, query.limit, (row) => [row.id], presentRobot);
  }

  update(id: string, body: UpdateRobotBody, actor: Actor): Promise<Robot> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(RobotEntity);
      const robot = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!robot || (vendorScopeOf(actor) !== null && robot.vendorId !== actor.vendorId)) throw notFound('robot', id);
      const before = presentRobot(robot);
      if (body.name !== undefined) robot.name = body.name;
      if (body.cohortId !== undefined) robot.cohortId = body.cohortId;
      if (body.specs !== undefined) robot.specs = body.specs;
      robot.updatedAt = new Date();
      try {
        await repo.save(robot);
      } catch (error) {
        throw byConstraint(error, { robots_cohort_id_fkey: () => missingReference('cohortId', 'cohort') });
      }
      const after = presentRobot(robot);
      await this.audit.record({ action: 'robot.update', entity: 'robot', entityId: id, before, after }, manager);
      return after;
    });
  }

  decideAdmission(id: string, body: AdmissionDecisionBody, actor: Actor): Promise<Robot> {
    return this.dataSource.transaction(async (manager) => {
      const robot = await this.applyEvent(id, body.decision === 'admit' ? 'admit' : 'reject', {
        reason: body.reason,
        actorId: actor.id,
        manager,
      });
      await this.audit.record(
        {
          action: 'robot.admission_decision',
          entity: 'robot',
          entityId: id,
          after: { status: robot.status },
          details: { decision: body.decision, reason: body.reason },
        },
        manager,
      );
      return robot;
    });
  }

  async withdraw(id: string, body: WithdrawBody, actor: Actor): Promise<Robot> {
    const withdrawn = await this.dataSource.transaction(async (manager) => {
      const robot = await this.applyEvent(id, 'withdraw', { reason: body.reason ?? null, actorId: actor.id, manager });
      await this.audit.record(
        {
          action: 'robot.withdraw',
          entity: 'robot',
          entityId: id,
          after: { status: robot.status },
          details: { reason: body.reason ?? null },
        },
        manager,
      );
      return robot;
    });
    // After the commit, so that every process re-checking the robot's link sees it withdrawn.
    await this.events.publish(ROBOT_LINK_REVOKED, { robotId: id });
    return withdrawn;
  }

  /**
   * Moves a robot through its lifecycle. The row lock serialises concurrent transitions: the second
   * one sees the first one's result, and the lifecycle rule refuses it with 409.
   */
  async applyEvent(id: string, event: RobotEvent, options: TransitionOptions = {}): Promise<Robot> {
    const run = async (manager: EntityManager): Promise<Robot> => {
      const repo = manager.getRepository(RobotEntity);
      const robot = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!robot) throw notFound('robot', id);
      const result = transition(robot.status, event);
      if (!result.ok) throw conflict(result.reason);
      const fromStatus = robot.status;
      robot.status = result.to;
      robot.updatedAt = new Date();
      await repo.save(robot);
      await manager.getRepository(RobotStatusChangeEntity).insert({
        robotId: id,
        fromStatus,
        toStatus: result.to,
        reason: options.reason ?? null,
        actorId: options.actorId ?? null,
      });
      return presentRobot(robot);
    };
    return options.manager ? run(options.manager) : this.dataSource.transaction(run);
  }

  async statusHistory(id: string, query: PageQuery, actor: Actor): Promise<Page<RobotStatusChange>> {
    await this.findVisible(id, actor);
    const qb = this.dataSource
      .getRepository(RobotStatusChangeEntity)
      .createQueryBuilder('c')
      .where('c.robot_id = :id', { id });
    if (query.cursor) qb.andWhere('c.id > :after', { after: decodeIdCursor(query.cursor) });
    const rows = await qb
      .orderBy('c.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    return toPage(rows, query.limit, (row) => [row.id], presentStatusChange);
  }
}

/** Bookings read robots on their hot path in plain SQL. */
const ROBOT_COLUMNS =
  'id, serial_number, name, vendor_id, model, form, domains, specs, cohort_id, status, created_at, updated_at';

interface RobotRow {
  id: string;
  serial_number: string;
  name: string;
  vendor_id: string;
  model: string;
  form: RobotEntity['form'];
  domains: RobotEntity['domains'];
  specs: RobotEntity['specs'];
  cohort_id: string | null;
  status: RobotEntity['status'];
  created_at: Date;
  updated_at: Date;
}

function fromRow(row: RobotRow): RobotEntity {
  return Object.assign(new RobotEntity(), {
    id: row.id,
    serialNumber: row.serial_number,
    name: row.name,
    vendorId: row.vendor_id,
    model: row.model,
    form: row.form,
    domains: row.domains,
    specs: row.specs,
    cohortId: row.cohort_id,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

export function presentRobot(robot: RobotEntity): Robot {
  return {
    id: robot.id,
    serialNumber: robot.serialNumber,
    name: robot.name,
    vendorId: robot.vendorId,
    model: robot.model,
    form: robot.form,
    domains: robot.domains,
    specs: robot.specs,
    cohortId: robot.cohortId,
    status: robot.status,
    createdAt: robot.createdAt.toISOString(),
    updatedAt: robot.updatedAt.toISOString(),
  };
}

function presentStatusChange(change: RobotStatusChangeEntity): RobotStatusChange {
  return {
    id: change.id,
    robotId: change.robotId,
    fromStatus: change.fromStatus,
    toStatus: change.toStatus,
    reason: change.reason,
    actorId: change.actorId,
    at: change.at.toISOString(),
  };
}

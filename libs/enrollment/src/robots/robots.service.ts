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
  conflict,
  decodeIdCursor,
  EventBus,
  notFound,
  toPage,
  vendorScopeOf,
} from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import { RobotEvent, transition } from './robot-lifecycle';
import { RobotsRepository } from './robots.repository';

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
    private readonly robots: RobotsRepository,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  create(body: CreateRobotBody, actor: Actor): Promise<Robot> {
    return this.dataSource.transaction(async (manager) => {
      const created = await this.robots.insert(manager, body);
      await this.robots.insertStatusChange(manager, {
        robotId: created.id,
        fromStatus: null,
        toStatus: 'applied',
        reason: 'registered',
        actorId: actor.id,
      });
      await this.audit.record(
        { action: 'robot.create', entity: 'robot', entityId: created.id, after: created },
        manager,
      );
      return created;
    });
  }

  async get(id: string, actor: Actor): Promise<Robot> {
    return this.findVisible(id, actor);
  }

  /** 404 unless the robot exists and the actor may see it (a vendor sees only its own). */
  async findVisible(id: string, actor: Actor, manager: EntityManager = this.dataSource.manager): Promise<Robot> {
    const robot = await this.robots.findById(manager, id, vendorScopeOf(actor));
    if (!robot) throw notFound('robot', id);
    return robot;
  }

  /**
   * The named robots, share-locked so that none can be withdrawn while a booking of it commits.
   * Robots that do not exist are simply absent.
   */
  async findForBooking(ids: readonly string[], manager: EntityManager): Promise<Robot[]> {
    if (ids.length === 0) return [];
    return this.robots.lockForBooking(manager, ids);
  }

  /**
   * Locks the robot's row until the caller's transaction ends, so that changes that depend on the
   * robot (its device token, its graduation report) are made one at a time.
   */
  lockForUpdate(id: string, manager: EntityManager): Promise<void> {
    return this.robots.lock(manager, id);
  }

  async findByIds(ids: readonly string[]): Promise<Robot[]> {
    if (ids.length === 0) return [];
    return this.robots.findByIds(ids);
  }

  /** Ids of a vendor's robots: what a vendor user may see of sessions and telemetry. */
  idsOfVendor(vendorId: string): Promise<string[]> {
    return this.robots.idsOfVendor(vendorId);
  }

  async list(query: ListRobotsQuery, actor: Actor): Promise<Page<Robot>> {
    const afterId = query.cursor ? decodeIdCursor(query.cursor) : null;
    const robots = await this.robots.list(query, vendorScopeOf(actor), afterId, query.limit + 1);
    return toPage(
      robots,
      query.limit,
      (robot) => [robot.id],
      (robot) => robot,
    );
  }

  update(id: string, body: UpdateRobotBody, actor: Actor): Promise<Robot> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.robots.lockById(manager, id);
      if (!before || (vendorScopeOf(actor) !== null && before.vendorId !== actor.vendorId)) {
        throw notFound('robot', id);
      }
      const after = await this.robots.update(manager, id, {
        name: body.name ?? before.name,
        cohortId: body.cohortId !== undefined ? body.cohortId : before.cohortId,
        specs: body.specs ?? before.specs,
      });
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
      const robot = await this.robots.lockById(manager, id);
      if (!robot) throw notFound('robot', id);
      const result = transition(robot.status, event);
      if (!result.ok) throw conflict(result.reason);
      const moved = await this.robots.setStatus(manager, id, result.to);
      await this.robots.insertStatusChange(manager, {
        robotId: id,
        fromStatus: robot.status,
        toStatus: result.to,
        reason: options.reason ?? null,
        actorId: options.actorId ?? null,
      });
      return moved;
    };
    return options.manager ? run(options.manager) : this.dataSource.transaction(run);
  }

  async statusHistory(id: string, query: PageQuery, actor: Actor): Promise<Page<RobotStatusChange>> {
    await this.findVisible(id, actor);
    const afterId = query.cursor ? decodeIdCursor(query.cursor) : null;
    const changes = await this.robots.statusHistory(id, afterId, query.limit + 1);
    return toPage(
      changes,
      query.limit,
      (change) => [change.id],
      (change) => change,
    );
  }
}

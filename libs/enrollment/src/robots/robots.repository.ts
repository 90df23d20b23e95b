import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CreateRobotBody,
  Domain,
  ListRobotsQuery,
  Robot,
  RobotStatus,
  RobotStatusChange,
  Specs,
} from '@app/contract';
import { byConstraint, conflict, missingReference, SqlWhere } from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { RobotStatusChangesRow, RobotsConstraint, RobotsRow } from '../rows.generated';

export interface RobotChange {
  name: string;
  cohortId: string | null;
  specs: Specs;
}

export interface NewStatusChange {
  robotId: string;
  fromStatus: RobotStatus | null;
  toStatus: RobotStatus;
  reason: string | null;
  actorId: string | null;
}

/** Robots with the history of their status. */
@Injectable()
export class RobotsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, body: CreateRobotBody): Promise<Robot> {
    try {
      const [row]: RobotsRow[] = await manager.query(
        `INSERT INTO robots (serial_number, name, vendor_id, model, form, domains, specs, cohort_id, status)
         VALUES ($1, $2, $3, $4, $5, $6::text[], $7::jsonb, $8, 'applied') RETURNING *`,
        [
          body.serialNumber,
          body.name,
          body.vendorId,
          body.model,
          body.form,
          body.domains,
          JSON.stringify(body.specs),
          body.cohortId ?? null,
        ],
      );
      return presentRobot(row);
    } catch (error) {
      throw byConstraint<RobotsConstraint>(error, {
        robots_serial_number_key: () =>
          conflict(`a robot with the serial number ${body.serialNumber} is already registered`),
        robots_vendor_id_fkey: () => missingReference('vendorId', 'vendor'),
        robots_cohort_id_fkey: () => missingReference('cohortId', 'cohort'),
      });
    }
  }

  async update(manager: EntityManager, id: string, change: RobotChange): Promise<Robot> {
    try {
      // TypeORM answers an UPDATE with [rows, count].
      const [[row]]: [RobotsRow[], number] = await manager.query(
        `UPDATE robots SET name = $2, cohort_id = $3, specs = $4::jsonb, updated_at = now() WHERE id = $1 RETURNING *`,
        [id, change.name, change.cohortId, JSON.stringify(change.specs)],
      );
      return presentRobot(row);
    } catch (error) {
      throw byConstraint<RobotsConstraint>(error, {
        robots_cohort_id_fkey: () => missingReference('cohortId', 'cohort'),
      });
    }
  }

  async setStatus(manager: EntityManager, id: string, status: RobotStatus): Promise<Robot> {
    const [[row]]: [RobotsRow[], number] = await manager.query(
      'UPDATE robots SET status = $2, updated_at = now() WHERE id = $1 RETURNING *',
      [id, status],
    );
    return presentRobot(row);
  }

  async insertStatusChange(manager: EntityManager, change: NewStatusChange): Promise<void> {
    await manager.query(
      `INSERT INTO robot_status_changes (robot_id, from_status, to_status, reason, actor_id)
       VALUES ($1, $2, $3, $4, $5)`,
      [change.robotId, change.fromStatus, change.toStatus, change.reason, change.actorId],
    );
  }

  /** Null when there is no such robot, or it is not of the vendor `vendorScope` (when given). */
  async findById(manager: EntityManager, id: string, vendorScope: string | null): Promise<Robot | null> {
    const [row]: RobotsRow[] =
      vendorScope === null
        ? await manager.query('SELECT * FROM robots WHERE id = $1', [id])
        : await manager.query('SELECT * FROM robots WHERE id = $1 AND vendor_id = $2', [id, vendorScope]);
    return row ? presentRobot(row) : null;
  }

  async lockById(manager: EntityManager, id: string): Promise<Robot | null> {
    const [row]: RobotsRow[] = await manager.query('SELECT * FROM robots WHERE id = $1 FOR UPDATE', [id]);
    return row ? presentRobot(row) : null;
  }

  /** Takes the robot's row lock without reading it, to order writers that depend on the robot. */
  async lock(manager: EntityManager, id: string): Promise<void> {
    await manager.query('SELECT 1 FROM robots WHERE id = $1 FOR UPDATE', [id]);
  }

  /** Share-locked in id order: none can be withdrawn while a booking of it commits. */
  async lockForBooking(manager: EntityManager, ids: readonly string[]): Promise<Robot[]> {
    const rows: RobotsRow[] = await manager.query(
      'SELECT * FROM robots WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE',
      [ids],
    );
    return rows.map(presentRobot);
  }

  async findByIds(ids: readonly string[]): Promise<Robot[]> {
    const rows: RobotsRow[] = await this.dataSource.query('SELECT * FROM robots WHERE id = ANY($1::uuid[])', [ids]);
    return rows.map(presentRobot);
  }

  async idsOfVendor(vendorId: string): Promise<string[]> {
    const rows: Pick<RobotsRow, 'id'>[] = await this.dataSource.query(
      'SELECT id FROM robots WHERE vendor_id = $1 ORDER BY id',
      [vendorId],
    );
    return rows.map((row) => row.id);
  }

  /** Ordered by id, `limit` robots after the robot `afterId`, of the vendor `vendorScope` when given. */
  async list(
    query: Omit<ListRobotsQuery, 'cursor' | 'limit'>,
    vendorScope: string | null,
    afterId: string | null,
    limit: number,
  ): Promise<Robot[]> {
    const where = new SqlWhere();
    if (vendorScope !== null) where.and(`vendor_id = ${where.param(vendorScope)}`);
    if (query.vendorId) where.and(`vendor_id = ${where.param(query.vendorId)}`);
    if (query.status) where.and(`status = ${where.param(query.status)}`);
    if (query.cohortId) where.and(`cohort_id = ${where.param(query.cohortId)}`);
    if (query.domain) where.and(`${where.param(query.domain)} = ANY(domains)`);
    const rows: RobotsRow[] = await this.dataSource.query(
      `SELECT * FROM robots ${where.page(afterId, limit)}`,
      where.params,
    );
    return rows.map(presentRobot);
  }

  /** Oldest first, `limit` changes after the change `afterId`. */
  async statusHistory(robotId: string, afterId: string | null, limit: number): Promise<RobotStatusChange[]> {
    const where = new SqlWhere();
    where.and(`robot_id = ${where.param(robotId)}`);
    const rows: RobotStatusChangesRow[] = await this.dataSource.query(
      `SELECT * FROM robot_status_changes ${where.page(afterId, limit)}`,
      where.params,
    );
    return rows.map(presentStatusChange);
  }
}

function presentRobot(row: RobotsRow): Robot {
  return {
    id: row.id,
    serialNumber: row.serial_number,
    name: row.name,
    vendorId: row.vendor_id,
    model: row.model,
    form: row.form,
    domains: row.domains as Domain[],
    specs: row.specs as Specs,
    cohortId: row.cohort_id,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function presentStatusChange(row: RobotStatusChangesRow): RobotStatusChange {
  return {
    id: row.id,
    robotId: row.robot_id,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    reason: row.reason,
    actorId: row.actor_id,
    at: row.at.toISOString(),
  };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Bay, CreateBayBody, ListBaysQuery, Page, UpdateBayBody } from '@app/contract';
import {
  AuditService,
  byConstraint,
  conflict,
  decodeIdCursor,
  missingReference,
  notFound,
  toPage,
} from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import { BayEntity } from './bay.entity';

@Injectable()
export class BaysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  create(body: CreateBayBody): Promise<Bay> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(BayEntity);
      let bay: BayEntity;
      try {
        bay = await repo.save(repo.create({ ...body, status: 'open' }));
      } catch (error) {
        throw byConstraint(error, {
          bays_site_id_code_key: () => conflict(`the site already has a bay with the code ${body.code}`),
          bays_site_id_fkey: () => missingReference('siteId', 'site'),
        });
      }
      const created = presentBay(bay);
      await this.audit.record({ action: 'bay.create', entity: 'bay', entityId: bay.id, after: created }, manager);
      return created;
    });
  }

  update(id: string, body: UpdateBayBody): Promise<Bay> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(BayEntity);
      const bay = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!bay) throw notFound('bay', id);
      const before = presentBay(bay);
      Object.assign(bay, {
        name: body.name ?? bay.name,
        capacity: body.capacity ?? bay.capacity,
        status: body.status ?? bay.status,
        updatedAt: new Date(),
      });
      await repo.save(bay);
      const after = presentBay(bay);
      await this.audit.record({ action: 'bay.update', entity: 'bay', entityId: id, before, after }, manager);
      return after;
    });
  }

  /**
   * The bay as a booking sees it, share-locked so that it cannot go into maintenance or shrink while
   * the booking commits. Null when there is no such bay.
   */
  async findForBooking(id: string, manager: EntityManager): Promise<Bay | null> {
    const [bay] = await this.findManyForBooking([id], manager);
    return bay ?? null;
  }

  /** The bays a batch of bookings names, share-locked in id order (so lockers never wait in a circle). */
  async findManyForBooking(ids: readonly string[], manager: EntityManager): Promise<Bay[]> {
    if (ids.length === 0) return [];
    const rows: BayRow[] = await manager.query(
      `SELECT ${BAY_COLUMNS} FROM bays WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE`,
      [[...new Set(ids)]],
    );
    return rows.map((row) => presentBay(fromRow(row)));
  }

  async get(id: string): Promise<Bay> {
    const bay = await this.dataSource.getRepository(BayEntity).findOneBy({ id });
    if (!bay) throw notFound('bay', id);
    return presentBay(bay);
  }

  async list(query: ListBaysQuery): Promise<Page<Bay>> {
    const qb = this.dataSource.getRepository(BayEntity).createQueryBuilder('b');
    if (query.domain) qb.andWhere('b.domain = :domain', { domain: query.domain });
    if (query.mode) qb.andWhere('b.mode = :mode', { mode: query.mode });
    if (query.siteId) qb.andWhere('b.site_id = :siteId', { siteId: query.siteId });
    if (query.status) qb.andWhere('b.status = :status', { status: query.status });
    if (query.cursor) qb.andWhere('b.id > :after', { after: decodeIdCursor(query.cursor) });
    const rows = await qb
      .orderBy('b.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    return toPage(rows, query.limit, (row) => [row.id], presentBay);
  }
}

/** Bookings read bays on their hot path in plain SQL. */
const BAY_COLUMNS = 'id, site_id, code, name, domain, mode, capacity, status, created_at, updated_at';

interface BayRow {
  id: string;
  site_id: string;
  code: string;
  name: string;
  domain: BayEntity['domain'];
  mode: BayEntity['mode'];
  capacity: number;
  status: BayEntity['status'];
  created_at: Date;
  updated_at: Date;
}

function fromRow(row: BayRow): BayEntity {
  return Object.assign(new BayEntity(), {
    id: row.id,
    siteId: row.site_id,
    code: row.code,
    name: row.name,
    domain: row.domain,
    mode: row.mode,
    capacity: row.capacity,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

export function presentBay(bay: BayEntity): Bay {
  return {
    id: bay.id,
    siteId: bay.siteId,
    code: bay.code,
    name: bay.name,
    domain: bay.domain,
    mode: bay.mode,
    capacity: bay.capacity,
    status: bay.status,
    createdAt: bay.createdAt.toISOString(),
    updatedAt: bay.updatedAt.toISOString(),
  };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Bay, BayStatus, CreateBayBody, ListBaysQuery } from '@app/contract';
import { byConstraint, conflict, missingReference, SqlWhere } from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { BaysConstraint, BaysRow } from '../rows.generated';

export interface BayChange {
  name: string;
  capacity: number;
  status: BayStatus;
}

@Injectable()
export class BaysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, body: CreateBayBody): Promise<Bay> {
    try {
      const [row]: BaysRow[] = await manager.query(
        `INSERT INTO bays (site_id, code, name, domain, mode, capacity, status)
         VALUES ($1, $2, $3, $4, $5, $6, 'open') RETURNING *`,
        [body.siteId, body.code, body.name, body.domain, body.mode, body.capacity],
      );
      return presentBay(row);
    } catch (error) {
      throw byConstraint<BaysConstraint>(error, {
        bays_site_id_code_key: () => conflict(`the site already has a bay with the code ${body.code}`),
        bays_site_id_fkey: () => missingReference('siteId', 'site'),
      });
    }
  }

  async lockById(manager: EntityManager, id: string): Promise<Bay | null> {
    const [row]: BaysRow[] = await manager.query('SELECT * FROM bays WHERE id = $1 FOR UPDATE', [id]);
    return row ? presentBay(row) : null;
  }

  async update(manager: EntityManager, id: string, change: BayChange): Promise<Bay> {
    // TypeORM answers an UPDATE with [rows, count].
    const [[row]]: [BaysRow[], number] = await manager.query(
      `UPDATE bays SET name = $2, capacity = $3, status = $4, updated_at = now() WHERE id = $1 RETURNING *`,
      [id, change.name, change.capacity, change.status],
    );
    return presentBay(row);
  }

  /**
   * Share-locked in id order (so lockers never wait in a circle): none can go into maintenance or
   * shrink while a booking of it commits.
   */
  async lockForBooking(manager: EntityManager, ids: readonly string[]): Promise<Bay[]> {
    const rows: BaysRow[] = await manager.query('SELECT * FROM bays WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE', [
      [...new Set(ids)],
    ]);
    return rows.map(presentBay);
  }

  async findById(id: string): Promise<Bay | null> {
    const [row]: BaysRow[] = await this.dataSource.query('SELECT * FROM bays WHERE id = $1', [id]);
    return row ? presentBay(row) : null;
  }

  /** Ordered by id, `limit` bays after the bay `afterId`. */
  async list(query: Omit<ListBaysQuery, 'cursor' | 'limit'>, afterId: string | null, limit: number): Promise<Bay[]> {
    const where = new SqlWhere();
    if (query.domain) where.and(`domain = ${where.param(query.domain)}`);
    if (query.mode) where.and(`mode = ${where.param(query.mode)}`);
    if (query.siteId) where.and(`site_id = ${where.param(query.siteId)}`);
    if (query.status) where.and(`status = ${where.param(query.status)}`);
    const rows: BaysRow[] = await this.dataSource.query(
      `SELECT * FROM bays ${where.page(afterId, limit)}`,
      where.params,
    );
    return rows.map(presentBay);
  }
}

function presentBay(row: BaysRow): Bay {
  return {
    id: row.id,
    siteId: row.site_id,
    code: row.code,
    name: row.name,
    domain: row.domain,
    mode: row.mode,
    capacity: row.capacity,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

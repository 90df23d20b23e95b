import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreateVendorBody, Vendor } from '@app/contract';
import { byConstraint, conflict, SqlWhere } from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { VendorsConstraint, VendorsRow } from '../rows.generated';

@Injectable()
export class VendorsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, body: CreateVendorBody): Promise<Vendor> {
    try {
      const [row]: VendorsRow[] = await manager.query(
        'INSERT INTO vendors (name, country) VALUES ($1, $2) RETURNING *',
        [body.name, body.country ?? null],
      );
      return presentVendor(row);
    } catch (error) {
      throw byConstraint<VendorsConstraint>(error, {
        vendors_name_key: () => conflict(`a vendor named ${body.name} already exists`),
      });
    }
  }

  async findById(id: string): Promise<Vendor | null> {
    const [row]: VendorsRow[] = await this.dataSource.query('SELECT * FROM vendors WHERE id = $1', [id]);
    return row ? presentVendor(row) : null;
  }

  /** Ordered by id, `limit` vendors after the vendor `afterId`; only `onlyId` when given. */
  async list(onlyId: string | null, afterId: string | null, limit: number): Promise<Vendor[]> {
    const where = new SqlWhere();
    if (onlyId !== null) where.and(`id = ${where.param(onlyId)}`);
    const rows: VendorsRow[] = await this.dataSource.query(
      `SELECT * FROM vendors ${where.page(afterId, limit)}`,
      where.params,
    );
    return rows.map(presentVendor);
  }
}

function presentVendor(row: VendorsRow): Vendor {
  return { id: row.id, name: row.name, country: row.country, createdAt: row.created_at.toISOString() };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreateSiteBody, SiteKind, Site } from '@app/contract';
import { byConstraint, conflict, SqlWhere } from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { SitesConstraint, SitesRow } from '../rows.generated';

@Injectable()
export class SitesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, body: CreateSiteBody): Promise<Site> {
    try {
      const [row]: SitesRow[] = await manager.query(
        'INSERT INTO sites (code, name, city, kind) VALUES ($1, $2, $3, $4) RETURNING *',
        [body.code, body.name, body.city ?? null, body.kind],
      );
      return presentSite(row);
    } catch (error) {
      throw byConstraint<SitesConstraint>(error, {
        sites_code_key: () => conflict(`a site with the code ${body.code} already exists`),
      });
    }
  }

  async findById(id: string): Promise<Site | null> {
    const [row]: SitesRow[] = await this.dataSource.query('SELECT * FROM sites WHERE id = $1', [id]);
    return row ? presentSite(row) : null;
  }

  /** Ordered by id, `limit` sites after the site `afterId`. */
  async list(kind: SiteKind | undefined, afterId: string | null, limit: number): Promise<Site[]> {
    const where = new SqlWhere();
    if (kind) where.and(`kind = ${where.param(kind)}`);
    const rows: SitesRow[] = await this.dataSource.query(
      `SELECT * FROM sites ${where.page(afterId, limit)}`,
      where.params,
    );
    return rows.map(presentSite);
  }
}

function presentSite(row: SitesRow): Site {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    city: row.city,
    kind: row.kind,
    createdAt: row.created_at.toISOString(),
  };
}

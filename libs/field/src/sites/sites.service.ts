import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CreateSiteBody, ListSitesQuery, Page, Site } from '@app/contract';
import { AuditService, byConstraint, conflict, decodeIdCursor, notFound, toPage } from '@app/platform';
import { DataSource } from 'typeorm';
import { SiteEntity } from './site.entity';

@Injectable()
export class SitesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  create(body: CreateSiteBody): Promise<Site> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(SiteEntity);
      let site: SiteEntity;
      try {
        site = await repo.save(
          repo.create({ code: body.code, name: body.name, city: body.city ?? null, kind: body.kind }),
        );
      } catch (error) {
        throw byConstraint(error, {
          sites_code_key: () => conflict(`a site with the code ${body.code} already exists`),
        });
      }
      const created = presentSite(site);
      await this.audit.record({ action: 'site.create', entity: 'site', entityId: site.id, after: created }, manager);
      return created;
    });
  }

  async get(id: string): Promise<Site> {
    const site = await this.dataSource.getRepository(SiteEntity).findOneBy({ id });
    if (!site) throw notFound('site', id);
    return presentSite(site);
  }

  async list(query: ListSitesQuery): Promise<Page<Site>> {
    const qb = this.dataSource.getRepository(SiteEntity).createQueryBuilder('s');
    if (query.kind) qb.andWhere('s.kind = :kind', { kind: query.kind });
    if (query.cursor) qb.andWhere('s.id > :after', { after: decodeIdCursor(query.cursor) });
    const rows = await qb
      .orderBy('s.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    return toPage(rows, query.limit, (row) => [row.id], presentSite);
  }
}

export function presentSite(site: SiteEntity): Site {
  return {
    id: site.id,
    code: site.code,
    name: site.name,
    city: site.city,
    kind: site.kind,
    createdAt: site.createdAt.toISOString(),
  };
}

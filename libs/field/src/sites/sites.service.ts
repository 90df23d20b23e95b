import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CreateSiteBody, ListSitesQuery, Page, Site } from '@app/contract';
import { AuditService, decodeIdCursor, notFound, toPage } from '@app/platform';
import { DataSource } from 'typeorm';
import { SitesRepository } from './sites.repository';

@Injectable()
export class SitesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sites: SitesRepository,
    private readonly audit: AuditService,
  ) {}

  create(body: CreateSiteBody): Promise<Site> {
    return this.dataSource.transaction(async (manager) => {
      const created = await this.sites.insert(manager, body);
      await this.audit.record({ action: 'site.create', entity: 'site', entityId: created.id, after: created }, manager);
      return created;
    });
  }

  async get(id: string): Promise<Site> {
    const site = await this.sites.findById(id);
    if (!site) throw notFound('site', id);
    return site;
  }

  async list(query: ListSitesQuery): Promise<Page<Site>> {
    const afterId = query.cursor ? decodeIdCursor(query.cursor) : null;
    const sites = await this.sites.list(query.kind, afterId, query.limit + 1);
    return toPage(
      sites,
      query.limit,
      (site) => [site.id],
      (site) => site,
    );
  }
}

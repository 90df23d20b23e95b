import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Cohort, CreateCohortBody, Page, PageQuery } from '@app/contract';
import { AuditService, decodeIdCursor, notFound, toPage } from '@app/platform';
import { DataSource } from 'typeorm';
import { CohortsRepository } from './cohorts.repository';

/** Intakes of robots that train together (the first Mianyang cohort, …). */
@Injectable()
export class CohortsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsRepository,
    private readonly audit: AuditService,
  ) {}

  create(body: CreateCohortBody): Promise<Cohort> {
    return this.dataSource.transaction(async (manager) => {
      const created = await this.cohorts.insert(manager, body);
      await this.audit.record(
        { action: 'cohort.create', entity: 'cohort', entityId: created.id, after: created },
        manager,
      );
      return created;
    });
  }

  async get(id: string): Promise<Cohort> {
    const cohort = await this.cohorts.findById(id);
    if (!cohort) throw notFound('cohort', id);
    return cohort;
  }

  async list(query: PageQuery): Promise<Page<Cohort>> {
    const afterId = query.cursor ? decodeIdCursor(query.cursor) : null;
    const cohorts = await this.cohorts.list(afterId, query.limit + 1);
    return toPage(
      cohorts,
      query.limit,
      (cohort) => [cohort.id],
      (cohort) => cohort,
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Cohort, CreateCohortBody, Page, PageQuery } from '@app/contract';
import { AuditService, byConstraint, conflict, decodeIdCursor, notFound, toPage } from '@app/platform';
import { DataSource } from 'typeorm';
import { CohortEntity } from './cohort.entity';

/** Intakes of robots that train together (the first Mianyang cohort, …). */
@Injectable()
export class CohortsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  create(body: CreateCohortBody): Promise<Cohort> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(CohortEntity);
      let cohort: CohortEntity;
      try {
        cohort = await repo.save(repo.create({ name: body.name, startsOn: body.startsOn }));
      } catch (error) {
        throw byConstraint(error, { cohorts_name_key: () => conflict(`a cohort named ${body.name} already exists`) });
      }
      const created = presentCohort(cohort);
      await this.audit.record(
        { action: 'cohort.create', entity: 'cohort', entityId: cohort.id, after: created },
        manager,
      );
      return created;
    });
  }

  async get(id: string): Promise<Cohort> {
    const cohort = await this.dataSource.getRepository(CohortEntity).findOneBy({ id });
    if (!cohort) throw notFound('cohort', id);
    return presentCohort(cohort);
  }

  async list(query: PageQuery): Promise<Page<Cohort>> {
    const qb = this.dataSource.getRepository(CohortEntity).createQueryBuilder('c');
    if (query.cursor) qb.andWhere('c.id > :after', { after: decodeIdCursor(query.cursor) });
    const rows = await qb
      .orderBy('c.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    return toPage(rows, query.limit, (row) => [row.id], presentCohort);
  }
}

export function presentCohort(cohort: CohortEntity): Cohort {
  return { id: cohort.id, name: cohort.name, startsOn: cohort.startsOn, createdAt: cohort.createdAt.toISOString() };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Cohort, CreateCohortBody } from '@app/contract';
import { byConstraint, conflict, SqlWhere } from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { CohortsConstraint, CohortsRow } from '../rows.generated';

@Injectable()
export class CohortsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, body: CreateCohortBody): Promise<Cohort> {
    try {
      const [row]: CohortsRow[] = await manager.query(
        'INSERT INTO cohorts (name, starts_on) VALUES ($1, $2) RETURNING *',
        [body.name, body.startsOn],
      );
      return presentCohort(row);
    } catch (error) {
      throw byConstraint<CohortsConstraint>(error, {
        cohorts_name_key: () => conflict(`a cohort named ${body.name} already exists`),
      });
    }
  }

  async findById(id: string): Promise<Cohort | null> {
    const [row]: CohortsRow[] = await this.dataSource.query('SELECT * FROM cohorts WHERE id = $1', [id]);
    return row ? presentCohort(row) : null;
  }

  /** Ordered by id, `limit` cohorts after the cohort `afterId`. */
  async list(afterId: string | null, limit: number): Promise<Cohort[]> {
    const where = new SqlWhere();
    const rows: CohortsRow[] = await this.dataSource.query(
      `SELECT * FROM cohorts ${where.page(afterId, limit)}`,
      where.params,
    );
    return rows.map(presentCohort);
  }
}

function presentCohort(row: CohortsRow): Cohort {
  return { id: row.id, name: row.name, startsOn: row.starts_on, createdAt: row.created_at.toISOString() };
}

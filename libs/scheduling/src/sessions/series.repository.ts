import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { SessionSeriesRow } from '../rows.generated';

/** Recurring series: the rule a set of sessions was booked from. */
@Injectable()
export class SeriesRepository {
  async insert(tx: EntityManager, rrule: string, createdBy: string): Promise<string> {
    const [series]: Pick<SessionSeriesRow, 'id'>[] = await tx.query(
      'INSERT INTO session_series (rrule, created_by) VALUES ($1, $2) RETURNING id',
      [rrule, createdBy],
    );
    return series.id;
  }
}

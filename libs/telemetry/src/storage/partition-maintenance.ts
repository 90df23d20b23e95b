import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { defineJob, FIELD_CONFIG, FieldConfig, HandlesJob, JobHandler, scheduleJob } from '@app/platform';
import { DataSource } from 'typeorm';

export const MAINTAIN_PARTITIONS = defineJob<Record<string, never>>('telemetry.maintain-partitions', 'maintenance', {
  attempts: 3,
});
scheduleJob(MAINTAIN_PARTITIONS, 60 * 60 * 1000, {});

/** Days of partitions kept ready ahead of today (UTC), so ingest never waits for DDL. */
const DAYS_AHEAD = 7;

/** Hourly: create the coming days' telemetry partitions and drop those older than the retention. */
@Injectable()
@HandlesJob(MAINTAIN_PARTITIONS)
export class PartitionMaintenance implements JobHandler<Record<string, never>> {
  private readonly logger = new Logger(PartitionMaintenance.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FIELD_CONFIG) private readonly config: FieldConfig,
  ) {}

  async handle(): Promise<{ created: number; dropped: number }> {
    const [{ created }]: { created: number }[] = await this.dataSource.query(
      `SELECT telemetry_ensure_partitions((now() AT TIME ZONE 'UTC')::date, $1) AS created`,
      [DAYS_AHEAD],
    );
    const [{ dropped }]: { dropped: number }[] = await this.dataSource.query(
      `SELECT telemetry_drop_partitions((now() AT TIME ZONE 'UTC')::date - $1::int) AS dropped`,
      [this.config.telemetryRetentionDays],
    );
    if (created > 0 || dropped > 0) this.logger.log(`telemetry partitions: ${created} created, ${dropped} dropped`);
    return { created, dropped };
  }
}

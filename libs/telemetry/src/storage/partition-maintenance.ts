import { Inject, Injectable, Logger } from '@nestjs/common';
import { defineJob, FIELD_CONFIG, FieldConfig, HandlesJob, JobHandler, scheduleJob } from '@app/platform';
import { TelemetryRepository } from './telemetry.repository';

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
    private readonly repository: TelemetryRepository,
    @Inject(FIELD_CONFIG) private readonly config: FieldConfig,
  ) {}

  async handle(): Promise<{ created: number; dropped: number }> {
    const created = await this.repository.ensurePartitions(DAYS_AHEAD);
    const dropped = await this.repository.dropPartitionsOlderThan(this.config.telemetryRetentionDays);
    if (created > 0 || dropped > 0) this.logger.log(`telemetry partitions: ${created} created, ${dropped} dropped`);
    return { created, dropped };
  }
}

export { TelemetryModule, TelemetryHttpModule } from './telemetry.module';
export { TelemetryReader } from './query/telemetry-reader';
export type { StoredSample, SampleFilter } from './query/telemetry-reader';
export type { ChannelCounts } from './storage/telemetry.repository';
export { MAINTAIN_PARTITIONS } from './storage/partition-maintenance';
export { TELEMETRY_STORED_LATE } from './ingest/late-telemetry';
export type { TelemetryStoredLate } from './ingest/late-telemetry';
export { withinLateGrace } from './ingest/session-runs';

export { TelemetryModule, TelemetryHttpModule } from './telemetry.module';
export { TelemetryReader } from './query/telemetry-reader';
export type { StoredSample, SampleFilter, ChannelCounts } from './query/telemetry-reader';
export { MAINTAIN_PARTITIONS } from './storage/partition-maintenance';
export { TELEMETRY_STORED_LATE } from './ingest/late-telemetry';
export type { TelemetryStoredLate } from './ingest/late-telemetry';
export { withinLateGrace } from './ingest/session-runs';

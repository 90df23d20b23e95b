import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common';
import { EpochMs, JsonObject, TelemetryChannel } from './telemetry';

/** `GET /sessions/:id/telemetry`: the session's stored samples in time order. */
export const SessionTelemetryQuery = PageQuery.extend({
  robotId: Id.optional(),
  channel: TelemetryChannel.optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
});
export type SessionTelemetryQuery = z.infer<typeof SessionTelemetryQuery>;

export const StoredTelemetrySample = z.object({
  robotId: Id,
  ts: EpochMs.describe('epoch milliseconds, as the robot sent it'),
  channel: z.string(),
  data: JsonObject,
});
export type StoredTelemetrySample = z.infer<typeof StoredTelemetrySample>;

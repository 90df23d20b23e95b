import {
  isTooFarAhead,
  MAX_BATCH_BYTES,
  MAX_FUTURE_SKEW_MS,
  TelemetryAckError,
  TelemetryBatch,
  TelemetryErrorCode,
} from '@app/contract';
import { isWellFormedBatch } from './well-formed';

export type BatchCheck = { ok: true; batch: TelemetryBatch } | TelemetryAckError;

const refuse = (code: TelemetryErrorCode, message: string): TelemetryAckError => ({
  ok: false,
  error: { code, message },
});

/**
 * Checks a batch once, before anything is stored: its size (as received), its shape (the
 * contract's schema, including the well-known channels' payloads; the common case by a fast test), and that no sample claims a
 * time more than five minutes ahead of the server's clock.
 */
export function checkBatch(raw: unknown, byteLength: number | null, now: number): BatchCheck {
  if (byteLength !== null && byteLength > MAX_BATCH_BYTES) {
    return refuse('too_large', `a batch may be at most ${MAX_BATCH_BYTES} bytes; this one is ${byteLength}`);
  }
  let batch: TelemetryBatch;
  if (isWellFormedBatch(raw)) batch = raw;
  else {
    const parsed = TelemetryBatch.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the batch';
      const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem(s))` : '';
      return refuse('invalid_batch', `${where}: ${issue.message}${more}`);
    }
    batch = parsed.data;
  }
  const ahead = batch.samples.findIndex((sample) => isTooFarAhead(sample.ts, now));
  if (ahead >= 0) {
    return refuse(
      'clock_skew',
      `samples.${ahead}.ts is more than ${MAX_FUTURE_SKEW_MS / 60_000} minutes ahead of the field's clock; check the robot's clock`,
    );
  }
  return { ok: true, batch };
}

import {
  RETRYABLE_TELEMETRY_ERRORS,
  type TelemetryAck,
  type TelemetryBatch,
  type TelemetryErrorCode,
  type TelemetrySample,
} from '@app/contract';

export interface DeliveryBufferSettings {
  /** Most batches held unacknowledged; a full buffer refuses new ones. */
  capacity: number;
  firstSeq: number;
  /** Batches sent and awaiting their ack at once. */
  maxInFlight: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** 0..1; spreads the retries of many robots apart. */
  jitter?: () => number;
}

/** A batch handed out for sending; `attempt` tells its ack apart from an earlier send's. */
export interface Dispatch {
  batch: TelemetryBatch;
  attempt: number;
  resend: boolean;
}

export type Settlement =
  | { kind: 'delivered'; seq: number; samples: number; stored: number; duplicate: boolean; latencyMs: number | null }
  | { kind: 'dropped'; seq: number; samples: number; code: TelemetryErrorCode; message: string }
  | { kind: 'retry'; seq: number; reason: string; retryInMs: number }
  | { kind: 'stale' };

interface Entry {
  batch: TelemetryBatch;
  attempt: number;
  inFlight: boolean;
  sentAtMs: number;
}

/**
 * At-least-once delivery of one robot's batches: each gets the next seq and stays until the
 * field acknowledges it with `ok: true` (stored or duplicate) or refuses it for good. Unsent and
 * unacknowledged batches go out again lowest seq first; a field that is `unavailable` or does not
 * answer is retried with exponential backoff. Pure: time comes in as arguments.
 */
export class DeliveryBuffer {
  private readonly entries = new Map<number, Entry>();
  private nextSeqValue: number;
  private inFlightCount = 0;
  private samplesHeld = 0;
  private failuresInARow = 0;
  private resumeAtMs = 0;

  constructor(private readonly settings: DeliveryBufferSettings) {
    if (!Number.isSafeInteger(settings.firstSeq) || settings.firstSeq < 0) {
      throw new RangeError('the first seq must be a non-negative safe integer');
    }
    this.nextSeqValue = settings.firstSeq;
  }

  get size(): number {
    return this.entries.size;
  }

  get isFull(): boolean {
    return this.entries.size >= this.settings.capacity;
  }

  get inFlight(): number {
    return this.inFlightCount;
  }

  get pendingSamples(): number {
    return this.samplesHeld;
  }

  /** The seq the next batch will get. */
  get nextSeq(): number {
    return this.nextSeqValue;
  }

  /** Null when full: the caller must hold back rather than lose the samples. */
  push(samples: TelemetrySample[]): TelemetryBatch | null {
    if (this.isFull) return null;
    const batch = { seq: this.nextSeqValue++, samples };
    this.entries.set(batch.seq, { batch, attempt: 0, inFlight: false, sentAtMs: 0 });
    this.samplesHeld += samples.length;
    return batch;
  }

  /** The lowest-seq batch waiting to be sent, unless the window is full or a retry is due later. */
  takeNext(nowMs: number): Dispatch | null {
    if (this.inFlightCount >= this.settings.maxInFlight || nowMs < this.resumeAtMs) return null;
    for (const entry of this.entries.values()) {
      if (entry.inFlight) continue;
      entry.inFlight = true;
      entry.attempt += 1;
      entry.sentAtMs = nowMs;
      this.inFlightCount += 1;
      return { batch: entry.batch, attempt: entry.attempt, resend: entry.attempt > 1 };
    }
    return null;
  }

  /** Settles one send: `reply` is the field's ack, or null when none (valid) came. */
  settle(seq: number, attempt: number, reply: TelemetryAck | null, nowMs: number): Settlement {
    const entry = this.entries.get(seq);
    if (!entry) return { kind: 'stale' };
    const current = entry.inFlight && attempt === entry.attempt;
    if (reply?.ok && reply.seq === seq) {
      this.remove(entry);
      this.failuresInARow = 0;
      const { stored, duplicate } = reply;
      const latencyMs = current ? nowMs - entry.sentAtMs : null;
      return { kind: 'delivered', seq, samples: entry.batch.samples.length, stored, duplicate, latencyMs };
    }
    if (!current) return { kind: 'stale' };
    if (reply && !reply.ok && !RETRYABLE_TELEMETRY_ERRORS.includes(reply.error.code)) {
      this.remove(entry);
      return { kind: 'dropped', seq, samples: entry.batch.samples.length, ...reply.error };
    }
    entry.inFlight = false;
    this.inFlightCount -= 1;
    const retryInMs = this.backOff(nowMs);
    const reason = reply && !reply.ok ? reply.error.code : 'no acknowledgement';
    return { kind: 'retry', seq, reason, retryInMs };
  }

  /** Nothing in flight will be acknowledged any more: all of it goes out again. */
  connectionLost(): void {
    for (const entry of this.entries.values()) entry.inFlight = false;
    this.inFlightCount = 0;
  }

  private remove(entry: Entry): void {
    this.entries.delete(entry.batch.seq);
    this.samplesHeld -= entry.batch.samples.length;
    if (entry.inFlight) this.inFlightCount -= 1;
  }

  private backOff(nowMs: number): number {
    this.failuresInARow += 1;
    const { retryBaseMs, retryMaxMs, jitter = Math.random } = this.settings;
    const ceiling = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(this.failuresInARow - 1, 30));
    const delay = Math.round(ceiling * (0.5 + 0.5 * jitter()));
    this.resumeAtMs = Math.max(this.resumeAtMs, nowMs + delay);
    return delay;
  }
}

import { MAX_BATCH_BYTES, MAX_BATCH_SAMPLES, type TelemetrySample } from '@app/contract';

/** `{"seq":<largest safe integer>,"samples":[]}`: what a batch costs around its samples. */
const ENVELOPE_BYTES = JSON.stringify({ seq: Number.MAX_SAFE_INTEGER, samples: [] }).length;

/**
 * Packs samples into batches of at most `maxSamples` samples and at most MAX_BATCH_BYTES as
 * JSON, so that no batch the field receives is refused for its size.
 */
export class BatchPacker {
  private open: TelemetrySample[] = [];
  private openBytes = ENVELOPE_BYTES;
  private openedAtMs = 0;

  constructor(
    private readonly maxSamples = MAX_BATCH_SAMPLES,
    private readonly maxBytes = MAX_BATCH_BYTES,
  ) {
    if (maxSamples < 1 || maxSamples > MAX_BATCH_SAMPLES)
      throw new RangeError(`batch size must be 1..${MAX_BATCH_SAMPLES}`);
  }

  get openSamples(): number {
    return this.open.length;
  }

  /** Adds samples; answers the batches that filled up. */
  add(samples: readonly TelemetrySample[], nowMs: number): TelemetrySample[][] {
    const closed: TelemetrySample[][] = [];
    for (const sample of samples) {
      const bytes = Buffer.byteLength(JSON.stringify(sample));
      if (this.open.length > 0 && this.openBytes + 1 + bytes > this.maxBytes) closed.push(this.take());
      if (this.open.length === 0) this.openedAtMs = nowMs;
      else this.openBytes += 1; // the comma
      this.open.push(sample);
      this.openBytes += bytes;
      if (this.open.length >= this.maxSamples) closed.push(this.take());
    }
    return closed;
  }

  /** The open batch, when it has waited `maxAgeMs` for more samples. */
  closeIfOlderThan(nowMs: number, maxAgeMs: number): TelemetrySample[] | null {
    return this.open.length > 0 && nowMs - this.openedAtMs >= maxAgeMs ? this.take() : null;
  }

  close(): TelemetrySample[] | null {
    return this.open.length > 0 ? this.take() : null;
  }

  private take(): TelemetrySample[] {
    const batch = this.open;
    this.open = [];
    this.openBytes = ENVELOPE_BYTES;
    return batch;
  }
}

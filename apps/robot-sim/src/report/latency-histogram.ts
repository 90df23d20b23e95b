const SMALLEST_MS = 0.1;
const GROWTH = 1.02;
const BUCKETS = 800; // up to 0.1 ms · 1.02^800 ≈ 20 min

/**
 * Ack latencies in logarithmic buckets (2 % wide): bounded memory over a run of any length,
 * percentiles within 2 %, and the maximum exact.
 */
export class LatencyHistogram {
  private readonly counts = new Uint32Array(BUCKETS);
  private total = 0;
  private largest = 0;

  get count(): number {
    return this.total;
  }

  get max(): number {
    return this.largest;
  }

  record(ms: number): void {
    const value = Math.max(0, ms);
    this.counts[bucketOf(value)] += 1;
    this.total += 1;
    this.largest = Math.max(this.largest, value);
  }

  merge(other: LatencyHistogram): void {
    other.counts.forEach((count, bucket) => (this.counts[bucket] += count));
    this.total += other.total;
    this.largest = Math.max(this.largest, other.largest);
  }

  /** The smallest recorded value bound that `fraction` of the records do not exceed; null when empty. */
  percentile(fraction: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil(fraction * this.total));
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      seen += this.counts[bucket];
      if (seen >= rank) return bucket === BUCKETS - 1 ? this.largest : Math.min(this.largest, upperBound(bucket));
    }
    return this.largest;
  }
}

function bucketOf(ms: number): number {
  if (ms <= SMALLEST_MS) return 0;
  return Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / SMALLEST_MS) / Math.log(GROWTH)));
}

function upperBound(bucket: number): number {
  return SMALLEST_MS * GROWTH ** bucket;
}

import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { FIELD_CONFIG, FieldConfig, MetricsService, pgError } from '@app/platform';
import { Counter, Gauge, Histogram } from 'prom-client';
import { encodePayload, Packet } from './packets';
import { BatchKey, BatchToWrite, TelemetryRepository } from './telemetry.repository';

export interface BatchToStore {
  robotId: string;
  seq: number;
  sampleCount: number;
  packets: Packet[];
}

export interface StoreResult {
  duplicate: boolean;
}

/** Besides the byte bounds of the configuration: a bound on the count of small batches. */
const MAX_PENDING_BATCHES = 20_000;
/** What a waiting batch costs beyond its payload bytes: its row, its promise and each packet's fields. */
const BATCH_OVERHEAD_BYTES = 512;
const PACKET_OVERHEAD_BYTES = 160;
const MAX_BATCHES_PER_FLUSH = 250;
const CONCURRENT_FLUSHES = 2;
const RETRY_DELAYS_MS = [100, 250, 500, 1_000, 2_000, 5_000];

/**
 * A waiting batch: its packets already encoded. Every attempt writes the same receivedAt, so that a
 * row an attempt left behind can be told from a batch stored before (see write).
 */
interface Pending extends BatchToWrite {
  /** An attempt to write it failed in a way that may have committed (the connection broke). */
  uncertain: boolean;
  resolve(result: StoreResult): void;
  reject(error: Error): void;
}

export class WriterUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriterUnavailable';
  }
}

/**
 * Group commit for telemetry. Batches from every robot socket of this process queue here; each
 * flush writes up to 250 of them with ONE statement, which also deduplicates them by (robot, seq)
 * in the same transaction, and only then are their acknowledgements released. While a flush runs
 * the next batches gather, so under load flushes grow instead of multiplying. When PostgreSQL is
 * away, flushes retry with backoff and acknowledgements simply wait: nothing acknowledged is lost.
 */
@Injectable()
export class TelemetryWriter implements OnApplicationShutdown {
  private readonly logger = new Logger(TelemetryWriter.name);
  private readonly pending: Pending[] = [];
  /** Bytes of batches received and not yet stored or refused: waiting, or in a flush. */
  private backlogBytes = 0;
  private readonly robotBytes = new Map<string, number>();
  private inFlight = 0;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly flushSeconds: Histogram;
  private readonly flushBatches: Histogram;
  private readonly storedSamples: Counter<'outcome'>;

  constructor(
    private readonly repository: TelemetryRepository,
    metrics: MetricsService,
    @Inject(FIELD_CONFIG) private readonly config: FieldConfig,
  ) {
    const registers = [metrics.registry];
    this.flushSeconds = new Histogram({
      name: 'field_telemetry_flush_seconds',
      help: 'Time to write one group of telemetry batches',
      buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.flushBatches = new Histogram({
      name: 'field_telemetry_flush_batches',
      help: 'Batches written per flush',
      buckets: [1, 2, 5, 10, 25, 50, 100, 250],
      registers,
    });
    this.storedSamples = new Counter({
      name: 'field_telemetry_samples_total',
      help: 'Telemetry samples received, by outcome (stored or duplicate)',
      labelNames: ['outcome'],
      registers,
    });
    const pending = this.pending;
    const backlogBytes = () => this.backlogBytes;
    new Gauge({
      name: 'field_telemetry_pending_bytes',
      help: 'Bytes of telemetry received and not yet stored',
      registers,
      collect() {
        this.set(backlogBytes());
      },
    });
    new Gauge({
      name: 'field_telemetry_pending_batches',
      help: 'Batches waiting to be written',
      registers,
      collect() {
        this.set(pending.length);
      },
    });
  }

  get backlog(): number {
    return this.pending.length;
  }

  /**
   * Resolves once the batch is committed (or recognised as already stored). While PostgreSQL is slow
   * or away, batches wait here, bounded in bytes in all and per robot: past a bound the robot is told
   * "unavailable" and resends later, so memory stays bounded and nothing acknowledged is lost.
   */
  async store(batch: BatchToStore): Promise<StoreResult> {
    if (this.closed) throw new WriterUnavailable('the field is shutting down');
    if (this.pending.length >= MAX_PENDING_BATCHES) throw backlogFull();
    const payloads = batch.packets.map((packet) => encodePayload(packet));
    const bytes =
      BATCH_OVERHEAD_BYTES +
      batch.packets.length * PACKET_OVERHEAD_BYTES +
      payloads.reduce((sum, p) => sum + p.length, 0);
    const robotBytes = this.robotBytes.get(batch.robotId) ?? 0;
    // A robot with nothing waiting may always send one batch, however large the bound makes it.
    if (robotBytes > 0 && robotBytes + bytes > this.config.ingestBacklogRobotBytes) throw backlogFull();
    if (this.backlogBytes > 0 && this.backlogBytes + bytes > this.config.ingestBacklogBytes) throw backlogFull();
    this.backlogBytes += bytes;
    this.robotBytes.set(batch.robotId, robotBytes + bytes);
    const settle = () => {
      this.backlogBytes -= bytes;
      const left = (this.robotBytes.get(batch.robotId) ?? bytes) - bytes;
      if (left > 0) this.robotBytes.set(batch.robotId, left);
      else this.robotBytes.delete(batch.robotId);
    };
    return new Promise<StoreResult>((resolve, reject) => {
      this.pending.push({
        robotId: batch.robotId,
        seq: batch.seq,
        sampleCount: batch.sampleCount,
        // The samples themselves are in the payloads now; keeping them would hold their objects too.
        packets: batch.packets.map(({ channel, sessionId, firstTs, lastTs, samples }) => ({
          channel,
          sessionId,
          firstTs,
          lastTs,
          sampleCount: samples.length,
        })),
        payloads,
        receivedAt: new Date().toISOString(),
        uncertain: false,
        resolve: (result) => {
          settle();
          resolve(result);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      this.kick();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const deadline = Date.now() + 10_000;
    while ((this.pending.length > 0 || this.inFlight > 0) && Date.now() < deadline) {
      this.kick();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const batch of this.pending.splice(0)) batch.reject(new WriterUnavailable('the field is shutting down'));
  }

  private kick(): void {
    if (this.retryTimer) return;
    while (this.inFlight < CONCURRENT_FLUSHES && this.pending.length > 0) {
      const group = this.pending.splice(0, MAX_BATCHES_PER_FLUSH);
      this.inFlight++;
      void this.flush(group).finally(() => {
        this.inFlight--;
        this.kick();
      });
    }
  }

  private async flush(group: Pending[]): Promise<void> {
    const stop = this.flushSeconds.startTimer();
    // A resend may sit in the same group as its original: only the first copy is written.
    const seen = new Set<string>();
    const unique: Pending[] = [];
    const repeats: Pending[] = [];
    for (const batch of group) {
      const key = `${batch.robotId}:${batch.seq}`;
      if (seen.has(key)) repeats.push(batch);
      else {
        seen.add(key);
        unique.push(batch);
      }
    }
    try {
      const won = await this.write(unique);
      stop();
      this.flushBatches.observe(group.length);
      this.failures = 0;
      for (const batch of unique) {
        const duplicate = !won.has(`${batch.robotId}:${batch.seq}`);
        this.storedSamples.inc({ outcome: duplicate ? 'duplicate' : 'stored' }, batch.sampleCount);
        batch.resolve({ duplicate });
      }
      for (const batch of repeats) {
        this.storedSamples.inc({ outcome: 'duplicate' }, batch.sampleCount);
        batch.resolve({ duplicate: true });
      }
    } catch (error) {
      stop();
      if (isTransient(error)) {
        this.failures++;
        for (const batch of group) batch.uncertain = true;
        this.pending.unshift(...group);
        const delay = RETRY_DELAYS_MS[Math.min(this.failures - 1, RETRY_DELAYS_MS.length - 1)];
        this.logger.warn({ err: error, backlog: this.pending.length, retryInMs: delay }, 'telemetry store unavailable');
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.kick();
        }, delay);
        return;
      }
      if (group.length > 1) {
        // A bad row fails its whole group: write the batches one by one so only that one is refused.
        this.logger.warn({ err: error }, 'a telemetry flush failed; writing its batches one by one');
        await Promise.all(group.map((batch) => this.flush([batch])));
        return;
      }
      this.logger.error({ err: error, robotId: group[0].robotId, seq: group[0].seq }, 'a telemetry batch was refused');
      group[0].reject(error as Error);
    }
  }

  /**
   * Writes the batches not stored yet and answers which (robot, seq) pairs won. A pair that did not
   * win but was in a flush whose connection broke may have been stored by that flush, its COMMIT
   * done and the answer lost: it counts as won when its row carries this batch's own received_at,
   * and as a duplicate only when the row came from another copy of the batch.
   */
  private async write(batches: readonly Pending[]): Promise<Set<string>> {
    const won = new Set((await this.repository.insertNew(batches)).map(keyOf));
    const unsure = batches.filter((batch) => batch.uncertain && !won.has(`${batch.robotId}:${batch.seq}`));
    if (unsure.length > 0) {
      for (const row of await this.repository.storedAsReceived(unsure)) won.add(keyOf(row));
    }
    return won;
  }
}

const keyOf = (row: BatchKey) => `${row.robot_id}:${row.seq}`;

const backlogFull = () => new WriterUnavailable('the field holds too much unsaved telemetry right now; resend later');

/** Failures that say nothing about the batch itself: the database is away, busy or restarting. */
function isTransient(error: unknown): boolean {
  const code = pgError(error)?.code ?? (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : '';
  return (
    /^(08|53|57P|40)/.test(code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect|Connection ended|not queryable/i.test(message)
  );
}

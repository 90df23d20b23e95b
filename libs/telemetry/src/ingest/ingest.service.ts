import { Injectable, Logger } from '@nestjs/common';
import type { TelemetryAck, TelemetrySample } from '@app/contract';
import { MetricsService } from '@app/platform';
import { Counter, Histogram } from 'prom-client';
import { packBatch, Packet } from '../storage/packets';
import { TelemetryWriter, WriterUnavailable } from '../storage/telemetry-writer';
import { WatchHub } from '../watch/watch-hub';
import { checkBatch } from './batch-check';
import { LateTelemetry } from './late-telemetry';
import { RunningSessionsView } from './running-sessions.view';
import type { Attribution } from './session-runs';

/** How a batch arrived: its size on the wire, and the JSON text it was parsed from when known. */
export interface ReceivedBatch {
  byteLength: number | null;
  json: string | null;
}

/**
 * The hot path: check once, attribute to sessions in memory, fan out to watchers at once (a live
 * view need not wait for the commit), then store durably and acknowledge.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);
  private readonly refused: Counter<'code'>;
  private readonly ackSeconds: Histogram;

  constructor(
    private readonly view: RunningSessionsView,
    private readonly writer: TelemetryWriter,
    private readonly hub: WatchHub,
    private readonly late: LateTelemetry,
    metrics: MetricsService,
  ) {
    this.refused = new Counter({
      name: 'field_telemetry_refused_batches_total',
      help: 'Telemetry batches answered ok:false, by error code',
      labelNames: ['code'],
      registers: [metrics.registry],
    });
    this.ackSeconds = new Histogram({
      name: 'field_telemetry_ack_seconds',
      help: 'From a checked batch to its durable acknowledgement',
      buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [metrics.registry],
    });
  }

  /**
   * The acknowledgement of one batch, given only once the batch is committed. Checking, attribution
   * and fan-out happen at once; storing is handed on without awaiting it here, so this frame, and the
   * robot's text with it, is not held while the batch waits for its commit.
   */
  async receive(robotId: string, raw: unknown, received: ReceivedBatch): Promise<TelemetryAck> {
    const arrivedAt = Date.now();
    const check = checkBatch(raw, received.byteLength, arrivedAt);
    if (!check.ok) {
      this.refused.inc({ code: check.error.code });
      return check;
    }
    const { batch } = check;
    const stopAckTimer = this.ackSeconds.startTimer();
    const sessions = new Map<string, Attribution>();
    const packets = packBatch(batch.samples, (ts) => {
      const attribution = this.view.at(robotId, ts, arrivedAt);
      if (!attribution) return null;
      sessions.set(attribution.sessionId, attribution);
      return attribution.sessionId;
    });
    // The robot's text stands for the batch only when the batch is that text parsed, untouched.
    this.fanOut(robotId, batch.seq, batch.samples, packets, sessions, batch === raw ? received.json : null);
    return this.store(robotId, batch.seq, batch.samples.length, packets, sessions).then((ack) => {
      if (ack.ok) stopAckTimer();
      return ack;
    });
  }

  private async store(
    robotId: string,
    seq: number,
    sampleCount: number,
    packets: Packet[],
    sessions: ReadonlyMap<string, Attribution>,
  ): Promise<TelemetryAck> {
    let duplicate: boolean;
    try {
      ({ duplicate } = await this.writer.store({ robotId, seq, sampleCount, packets }));
    } catch (error) {
      if (!(error instanceof WriterUnavailable))
        this.logger.error({ err: error, robotId, seq }, 'storing a batch failed');
      this.refused.inc({ code: 'unavailable' });
      return {
        ok: false,
        error: {
          code: 'unavailable',
          message:
            error instanceof WriterUnavailable ? error.message : 'the field could not store the batch; resend it',
        },
      };
    }
    if (!duplicate) {
      for (const attribution of sessions.values()) {
        if (attribution.endedAt !== null) this.late.stored(attribution.sessionId, attribution.endedAt);
      }
    }
    return { ok: true, seq, stored: duplicate ? 0 : sampleCount, duplicate };
  }

  private fanOut(
    robotId: string,
    seq: number,
    samples: TelemetrySample[],
    packets: readonly Packet[],
    sessions: ReadonlyMap<string, Attribution>,
    batchJson: string | null,
  ): void {
    const bayOf = (sessionId: string | null) => (sessionId ? (sessions.get(sessionId)?.bayId ?? null) : null);
    const sessionId = packets[0]?.sessionId ?? null;
    // The usual batch lies in one session (or none): it goes out as it came, without regrouping, and
    // when the robot sent it in time order, as the robot wrote it.
    if (packets.every((packet) => packet.sessionId === sessionId)) {
      const ordered = inTimeOrder(samples);
      this.hub.publish({
        robotId,
        seq,
        sessionId,
        bayId: bayOf(sessionId),
        samples: ordered,
        batchJson: ordered === samples ? batchJson : null,
      });
      return;
    }
    const bySession = new Map<string | null, TelemetrySample[]>();
    for (const packet of packets) {
      const part = bySession.get(packet.sessionId) ?? [];
      part.push(...(packet.samples as TelemetrySample[]));
      bySession.set(packet.sessionId, part);
    }
    for (const [id, part] of bySession) {
      this.hub.publish({ robotId, seq, sessionId: id, bayId: bayOf(id), samples: inTimeOrder(part), batchJson: null });
    }
  }
}

/** The samples sorted by time: as they are when already so (robots send in order), else a sorted copy. */
function inTimeOrder(samples: TelemetrySample[]): TelemetrySample[] {
  for (let i = 1; i < samples.length; i++) {
    if (samples[i].ts < samples[i - 1].ts) return [...samples].sort((a, b) => a.ts - b.ts);
  }
  return samples;
}

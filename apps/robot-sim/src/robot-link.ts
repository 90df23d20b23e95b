import { performance } from 'node:perf_hooks';
import {
  ROBOT_NAMESPACE,
  type RobotClientToServerEvents,
  type RobotServerToClientEvents,
  TELEMETRY_EVENT,
  TelemetryAck,
  type TelemetrySample,
  UNAUTHORIZED_CONNECT_ERROR,
} from '@app/contract';
import { type Socket, io } from 'socket.io-client';
import { BatchPacker } from './delivery/batch-packer';
import { DeliveryBuffer, type Dispatch, type Settlement } from './delivery/delivery-buffer';
import { RobotModel, type RobotModelSettings } from './generator/robot-model';
import { LatencyHistogram } from './report/latency-histogram';

export interface RobotLinkSettings {
  url: string;
  token: string;
  /** 1-based, as logs name the robot. */
  number: number;
  model: RobotModelSettings;
  batchSize: number;
  bufferCapacity: number;
  firstSeq: number;
  maxInFlight: number;
  ackTimeoutMs: number;
  flushAfterMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  reconnectDelayMs: number;
  reconnectDelayMaxMs: number;
  log(line: string): void;
}

export interface LinkCounters {
  samplesGenerated: number;
  batchesCreated: number;
  batchesSent: number;
  batchesResent: number;
  batchesAcknowledged: number;
  samplesAcknowledged: number;
  samplesStored: number;
  duplicates: number;
  batchesDropped: number;
  samplesDropped: number;
  reconnects: number;
  generationPausedMs: number;
  /** Refusals by error code, and sends that got no (valid) acknowledgement as `no_ack`. */
  errors: Record<string, number>;
}

/** How many refusals of one code a robot logs before it only counts them. */
const LOGGED_REFUSALS = 3;

/** One robot: its model, its socket to `/robot`, and the at-least-once delivery of its batches. */
export class RobotLink {
  readonly counters: LinkCounters = {
    samplesGenerated: 0,
    batchesCreated: 0,
    batchesSent: 0,
    batchesResent: 0,
    batchesAcknowledged: 0,
    samplesAcknowledged: 0,
    samplesStored: 0,
    duplicates: 0,
    batchesDropped: 0,
    samplesDropped: 0,
    reconnects: 0,
    generationPausedMs: 0,
    errors: {},
  };
  readonly latency = new LatencyHistogram();
  refused = false;

  private readonly model: RobotModel;
  private readonly packer: BatchPacker;
  private readonly buffer: DeliveryBuffer;
  private readonly socket: Socket<RobotServerToClientEvents, RobotClientToServerEvents>;
  /** Closed batches waiting for room in the buffer. */
  private held: TelemetrySample[][] = [];
  private pausedSinceMs: number | null = null;
  private connects = 0;
  private unreachable = false;
  private closing = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(private readonly settings: RobotLinkSettings) {
    this.model = new RobotModel(settings.model);
    this.packer = new BatchPacker(settings.batchSize);
    this.buffer = new DeliveryBuffer({
      capacity: settings.bufferCapacity,
      firstSeq: settings.firstSeq,
      maxInFlight: settings.maxInFlight,
      retryBaseMs: settings.retryBaseMs,
      retryMaxMs: settings.retryMaxMs,
    });
    this.socket = io(new URL(ROBOT_NAMESPACE, settings.url).href, {
      transports: ['websocket'],
      auth: { token: settings.token },
      forceNew: true,
      autoConnect: false,
      reconnectionDelay: settings.reconnectDelayMs,
      reconnectionDelayMax: settings.reconnectDelayMaxMs,
    });
    this.socket.on('connect', () => this.onConnect());
    this.socket.on('disconnect', (reason) => this.onDisconnect(reason));
    this.socket.on('connect_error', (error) => this.onConnectError(error));
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  get pendingBatches(): number {
    return this.buffer.size + this.held.length + (this.packer.openSamples > 0 ? 1 : 0);
  }

  get pendingSamples(): number {
    return (
      this.buffer.pendingSamples + this.held.reduce((sum, batch) => sum + batch.length, 0) + this.packer.openSamples
    );
  }

  get pausedNow(): boolean {
    return this.pausedSinceMs !== null;
  }

  /** The seq after the last one this robot used. */
  get nextSeq(): number {
    return this.buffer.nextSeq;
  }

  /** Nothing left that could still be delivered. */
  get settled(): boolean {
    return this.refused || this.pendingBatches === 0;
  }

  start(): void {
    this.socket.connect();
  }

  /** Produces the samples up to `nowMs` (or skips them while the buffer is full) and sends what it can. */
  tick(nowMs: number): void {
    this.admitHeld();
    if (!this.refused) {
      if (this.mustHoldBack()) {
        this.pause(nowMs);
        this.model.skip(nowMs);
      } else {
        this.resume(nowMs);
        this.collect(this.model.advance(nowMs), nowMs);
        const aged = this.packer.closeIfOlderThan(nowMs, this.settings.flushAfterMs);
        if (aged) this.hold(aged);
      }
    }
    this.pump();
  }

  /** Once paused, generation waits for a tenth of the buffer to clear, so that pauses come seldom and last. */
  private mustHoldBack(): boolean {
    if (this.held.length > 0) return true;
    if (!this.pausedNow) return this.buffer.isFull;
    return this.buffer.size > Math.floor(this.settings.bufferCapacity * 0.9);
  }

  /** Generation ends: the open batch is closed and queued with the rest. */
  finishGenerating(nowMs: number): void {
    if (!this.refused && !this.pausedNow) this.collect(this.model.advance(nowMs), nowMs);
    this.resume(nowMs, false);
    const last = this.packer.close();
    if (last) this.hold(last);
    this.pump();
  }

  /** Keeps sending without generating (while draining). */
  flush(): void {
    this.admitHeld();
    this.pump();
  }

  close(): void {
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.socket.disconnect();
  }

  private collect(samples: TelemetrySample[], nowMs: number): void {
    this.counters.samplesGenerated += samples.length;
    for (const batch of this.packer.add(samples, nowMs)) this.hold(batch);
  }

  private hold(samples: TelemetrySample[]): void {
    this.held.push(samples);
    this.admitHeld();
  }

  private admitHeld(): void {
    while (this.held.length > 0 && this.buffer.push(this.held[0])) {
      this.held.shift();
      this.counters.batchesCreated += 1;
    }
  }

  private pause(nowMs: number): void {
    if (this.pausedSinceMs !== null) return;
    this.pausedSinceMs = nowMs;
    this.settings.log(
      `robot ${this.settings.number}: ${this.buffer.size} batches await acknowledgement (the buffer's limit): ` +
        'generation paused; no samples are made until the field catches up',
    );
  }

  private resume(nowMs: number, announce = true): void {
    if (this.pausedSinceMs === null) return;
    const pausedMs = nowMs - this.pausedSinceMs;
    this.counters.generationPausedMs += pausedMs;
    this.pausedSinceMs = null;
    if (announce) {
      this.settings.log(`robot ${this.settings.number}: generation resumed after ${(pausedMs / 1000).toFixed(1)} s`);
    }
  }

  /** Includes a pause still going on. */
  generationPausedMs(nowMs: number): number {
    return this.counters.generationPausedMs + (this.pausedSinceMs === null ? 0 : nowMs - this.pausedSinceMs);
  }

  private pump(): void {
    if (!this.socket.connected) return;
    let dispatch: Dispatch | null;
    while ((dispatch = this.buffer.takeNext(performance.now()))) this.send(dispatch);
  }

  private send(dispatch: Dispatch): void {
    if (dispatch.resend) this.counters.batchesResent += 1;
    else this.counters.batchesSent += 1;
    void this.socket
      .timeout(this.settings.ackTimeoutMs)
      .emitWithAck(TELEMETRY_EVENT, dispatch.batch)
      .then(
        (reply) => this.settle(dispatch, reply),
        () => this.settle(dispatch, null),
      );
  }

  private settle(dispatch: Dispatch, reply: unknown): void {
    const parsed = reply === null ? null : TelemetryAck.safeParse(reply);
    if (parsed && !parsed.success) {
      this.settings.log(`robot ${this.settings.number}: ignored a malformed acknowledgement: ${JSON.stringify(reply)}`);
    }
    const ack = parsed?.success ? parsed.data : null;
    const outcome = this.buffer.settle(dispatch.batch.seq, dispatch.attempt, ack, performance.now());
    this.count(outcome);
    this.pump();
  }

  private count(outcome: Settlement): void {
    const counters = this.counters;
    switch (outcome.kind) {
      case 'delivered':
        counters.batchesAcknowledged += 1;
        counters.samplesAcknowledged += outcome.samples;
        counters.samplesStored += outcome.stored;
        if (outcome.duplicate) counters.duplicates += 1;
        if (outcome.latencyMs !== null) this.latency.record(outcome.latencyMs);
        return;
      case 'dropped':
        counters.batchesDropped += 1;
        counters.samplesDropped += outcome.samples;
        this.countError(outcome.code, `batch ${outcome.seq} refused (${outcome.code}: ${outcome.message}); dropped`);
        if (outcome.code === 'unauthorized') this.refuse('the field no longer accepts its device token');
        return;
      case 'retry':
        this.countError(
          outcome.reason === 'no acknowledgement' ? 'no_ack' : outcome.reason,
          `batch ${outcome.seq}: ${outcome.reason}; retrying in ${outcome.retryInMs} ms`,
        );
        return;
      case 'stale':
        return;
    }
  }

  private countError(code: string, line: string): void {
    const seen = (this.counters.errors[code] ?? 0) + 1;
    this.counters.errors[code] = seen;
    if (seen <= LOGGED_REFUSALS) this.settings.log(`robot ${this.settings.number}: ${line}`);
    if (seen === LOGGED_REFUSALS)
      this.settings.log(`robot ${this.settings.number}: further "${code}" are counted only`);
  }

  private refuse(why: string): void {
    if (this.refused) return;
    this.refused = true;
    this.settings.log(`robot ${this.settings.number}: ${why}; it stops`);
    this.close();
  }

  private onConnect(): void {
    this.connects += 1;
    this.unreachable = false;
    if (this.connects > 1) {
      this.counters.reconnects += 1;
      this.settings.log(
        `robot ${this.settings.number}: reconnected; resending ${this.buffer.size} unacknowledged batches`,
      );
    }
    this.pump();
  }

  private onDisconnect(reason: Socket.DisconnectReason): void {
    this.buffer.connectionLost();
    if (this.closing) return;
    this.settings.log(`robot ${this.settings.number}: disconnected (${reason})`);
    // socket.io reconnects by itself, except when the server closed the socket on purpose.
    if (reason === 'io server disconnect') this.reconnectLater(this.settings.reconnectDelayMs);
  }

  private onConnectError(error: Error): void {
    if (this.closing) return;
    if (error.message === UNAUTHORIZED_CONNECT_ERROR) {
      this.refuse('the field refused its device token (unauthorized)');
      return;
    }
    if (!this.unreachable)
      this.settings.log(`robot ${this.settings.number}: cannot connect (${error.message}); retrying`);
    this.unreachable = true;
    // An inactive socket was refused by a server middleware for a reason other than the token.
    if (!this.socket.active) this.reconnectLater(this.settings.reconnectDelayMaxMs);
  }

  private reconnectLater(delayMs: number): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closing) this.socket.connect();
    }, delayMs);
  }
}

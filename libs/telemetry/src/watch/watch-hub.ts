import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import {
  EVALUATION_COMPLETED_EVENT,
  EXAM_DECIDED_EVENT,
  SESSION_UPDATED_EVENT,
  TELEMETRY_EVENT,
  type Session,
  type TelemetrySample,
} from '@app/contract';
import { Actor, EventBus, MetricsService } from '@app/platform';
import { Counter } from 'prom-client';
import type { Namespace, Socket } from 'socket.io';
import { RAW_JSON_CHANNEL, RawJsonChannel } from '../raw-json-channel';
import { FreshBatches } from './fresh-batches';
import { samplesJsonIn } from './samples-json';
import { Throttle, WatchMessage } from './throttle';

/** What each watcher socket carries: who it is, what it may see, and what it asked for. */
export interface WatcherState {
  actor: Actor;
  /** A vendor's own robots; null when the watcher may see every robot. */
  visibleRobots: Set<string> | null;
  /** Room → maxHz (null: every message). */
  rooms: Map<string, number | null>;
  throttles: Map<string, Throttle>;
}

export interface TelemetryFanout extends WatchMessage {
  /** The batch's seq: a resend carries the seq of a batch that watchers may have seen already. */
  seq: number;
  bayId: string | null;
  /** The JSON the robot sent for a batch of exactly these samples, in this order, when there is one. */
  batchJson: string | null;
}

/**
 * Telemetry on its way to the other processes: the robot's text alone when there is one (one string
 * to copy across, where the samples would be serialised and parsed again), else the samples.
 */
type FanoutAcross =
  | (Omit<TelemetryFanout, 'samples' | 'batchJson'> & { samples: null; batchJson: string })
  | (TelemetryFanout & { batchJson: null });

/** A browser more than this many packets behind is stalled: it misses messages rather than slowing anyone. */
const MAX_BUFFERED_PACKETS = 64;
const FANOUT_EVENT = 'field:telemetry';
/** On the event bus: which processes have watchers, so telemetry crosses Redis only when someone elsewhere looks. */
const INTEREST_EVENT = 'watch.interest';
const INTEREST_HEARTBEAT_MS = 10_000;
const INTEREST_TTL_MS = 3 * INTEREST_HEARTBEAT_MS;

interface Interest {
  node: string;
  watching: boolean;
}

export const roomOf = {
  robot: (id: string) => `robot:${id}`,
  session: (id: string) => `session:${id}`,
  bay: (id: string) => `bay:${id}`,
};

/**
 * Delivers to watchers. Telemetry from a robot connected to this process goes to this process's
 * watchers directly, and to every other process through the socket.io adapter (Redis Streams);
 * each process then serves its own sockets, applying each watcher's maxHz and vendor scope, and
 * skipping a stalled socket instead of buffering without bound. Each process shows a batch once,
 * whichever process its robot sent it to first or again. Session and evaluation events arrive
 * through the event bus, in every process, from any process (API or worker).
 */
@Injectable()
export class WatchHub implements OnModuleInit, OnApplicationShutdown {
  private namespace: Namespace | null = null;
  private readonly node = randomUUID();
  private watching = false;
  /** Other processes with watchers, and until when their last word holds. */
  private readonly interestedPeers = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly dropped: Counter<'reason'>;
  private readonly delivered: Counter;
  /** What this process has shown, from its own robots and from other processes' alike. */
  private readonly shown = new FreshBatches();

  constructor(
    private readonly events: EventBus,
    metrics: MetricsService,
    @Inject(RAW_JSON_CHANNEL) private readonly rawJson: RawJsonChannel,
  ) {
    this.dropped = new Counter({
      name: 'field_watch_dropped_messages_total',
      help: 'Telemetry messages not sent to a watcher, by reason',
      labelNames: ['reason'],
      registers: [metrics.registry],
    });
    this.delivered = new Counter({
      name: 'field_watch_messages_total',
      help: 'Telemetry messages sent to watchers',
      registers: [metrics.registry],
    });
  }

  onModuleInit(): void {
    this.events.on<Interest>(INTEREST_EVENT, ({ payload }) => {
      if (payload.node === this.node) return;
      if (payload.watching) this.interestedPeers.set(payload.node, Date.now() + INTEREST_TTL_MS);
      else this.interestedPeers.delete(payload.node);
    });
    this.heartbeat = setInterval(() => {
      if (this.watching) void this.announce();
    }, INTEREST_HEARTBEAT_MS);
    this.heartbeat.unref();
    this.events.on<Session>('session.updated', (event) => this.deliverSession(event.payload));
    this.events.on<{ robotId: string }>('evaluation.completed', (event) =>
      this.deliverEvent(EVALUATION_COMPLETED_EVENT, [roomOf.robot(event.payload.robotId)], event.payload, [
        event.payload.robotId,
      ]),
    );
    this.events.on<{ robotId: string }>(EXAM_DECIDED_EVENT, (event) =>
      this.deliverEvent(EXAM_DECIDED_EVENT, [roomOf.robot(event.payload.robotId)], event.payload, [
        event.payload.robotId,
      ]),
    );
  }

  onApplicationShutdown(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.watching) void this.events.publish<Interest>(INTEREST_EVENT, { node: this.node, watching: false });
  }

  /** Called when this process's subscriptions change: tells the other processes whether to send telemetry here. */
  watchersChanged(): void {
    const namespace = this.namespace;
    const watching =
      !!namespace && [...namespace.sockets.values()].some((socket) => (socket.data as WatcherState)?.rooms?.size > 0);
    if (watching === this.watching) return;
    this.watching = watching;
    void this.announce();
  }

  private announce(): Promise<void> {
    return this.events.publish<Interest>(INTEREST_EVENT, { node: this.node, watching: this.watching });
  }

  private peersWatching(): boolean {
    const now = Date.now();
    for (const [node, until] of this.interestedPeers) {
      if (until > now) return true;
      this.interestedPeers.delete(node);
    }
    return false;
  }

  attach(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.on(FANOUT_EVENT, (message: FanoutAcross) => {
      // A robot that moved here and resent a batch may have beaten the original to this process.
      if (this.firstShowing(message)) this.deliverTelemetry(message);
    });
  }

  /** Telemetry just checked by this process's ingest; a batch shown before (a resend) is not shown again. */
  publish(message: TelemetryFanout): void {
    if (!this.namespace || !this.firstShowing(message)) return;
    this.deliverTelemetry(message);
    if (!this.peersWatching()) return;
    const { batchJson, ...rest } = message;
    const across: FanoutAcross = batchJson === null ? { ...rest, batchJson } : { ...rest, samples: null, batchJson };
    this.namespace.serverSideEmit(FANOUT_EVENT, across);
  }

  /** A batch straddling a session boundary goes out in parts, each shown once. */
  private firstShowing(message: TelemetryFanout | FanoutAcross): boolean {
    return this.shown.admit(message.robotId, `${message.seq}/${message.sessionId ?? ''}`);
  }

  private deliverTelemetry(message: TelemetryFanout | FanoutAcross): void {
    const namespace = this.namespace;
    if (!namespace) return;
    const rooms = [roomOf.robot(message.robotId)];
    if (message.sessionId) rooms.push(roomOf.session(message.sessionId));
    if (message.bayId) rooms.push(roomOf.bay(message.bayId));
    const now = Date.now();
    const outgoing: WatchMessage =
      message.samples === null
        ? samplesReadFrom(message.batchJson, message)
        : { robotId: message.robotId, sessionId: message.sessionId, samples: message.samples };
    // Watchers that take every message get one broadcast, which socket.io encodes once for all of them.
    const everyMessage: string[] = [];
    for (const [socket, state, maxHz] of this.watchers(rooms)) {
      if (state.visibleRobots && !state.visibleRobots.has(message.robotId)) continue;
      if (maxHz === null) {
        if (this.stalled(socket)) continue;
        everyMessage.push(socket.id);
        continue;
      }
      let throttle = state.throttles.get(message.robotId);
      if (!throttle || throttle.intervalMs !== Math.ceil(1000 / maxHz)) {
        throttle = new Throttle(Math.ceil(1000 / maxHz));
        state.throttles.set(message.robotId, throttle);
      }
      const displaced = throttle.hold(outgoing);
      if (displaced) this.send(socket, displaced);
      this.release(socket, throttle, now);
    }
    if (everyMessage.length > 0) {
      // Written once for all of them, and from the robot's own text when there is one: that costs a
      // scan, where serialising the samples again costs more than parsing them did.
      const samplesJson = message.batchJson === null ? null : samplesJsonIn(message.batchJson);
      if (samplesJson !== null) this.rawJson.sendAsJson(outgoing, watchMessageJson(outgoing, samplesJson));
      namespace.local.to(everyMessage).emit(TELEMETRY_EVENT, outgoing);
      this.delivered.inc(everyMessage.length);
    }
  }

  private release(socket: Socket, throttle: Throttle, now: number): void {
    if (throttle.due(now)) {
      if (throttle.timer) clearTimeout(throttle.timer);
      throttle.timer = null;
      const message = throttle.take();
      if (message) {
        throttle.lastSentAt = now;
        this.send(socket, message);
      }
      return;
    }
    if (throttle.timer) return;
    throttle.timer = setTimeout(
      () => {
        throttle.timer = null;
        if (socket.connected) this.release(socket, throttle, Date.now());
      },
      throttle.lastSentAt + throttle.intervalMs - now,
    );
    throttle.timer.unref();
  }

  private send(socket: Socket, message: WatchMessage): void {
    if (this.stalled(socket)) return;
    socket.emit(TELEMETRY_EVENT, message);
    this.delivered.inc();
  }

  /** A browser that has not taken its last messages misses this one rather than slowing anyone. */
  private stalled(socket: Socket): boolean {
    if (bufferedPackets(socket) <= MAX_BUFFERED_PACKETS) return false;
    this.dropped.inc({ reason: 'stalled' });
    return true;
  }

  private deliverSession(session: Session): void {
    const rooms = [roomOf.session(session.id), roomOf.bay(session.bayId), ...session.robotIds.map(roomOf.robot)];
    this.deliverEvent(SESSION_UPDATED_EVENT, rooms, session, session.robotIds);
  }

  /** An event to the local watchers of any of the rooms, once each; vendors see only their robots in it. */
  private deliverEvent(event: string, rooms: string[], payload: object, robotIds: readonly string[]): void {
    for (const [socket, state] of this.watchers(rooms)) {
      if (!state.visibleRobots) {
        socket.emit(event, payload);
        continue;
      }
      const visible = robotIds.filter((id) => state.visibleRobots?.has(id));
      if (visible.length === 0) continue;
      socket.emit(event, 'robotIds' in payload ? { ...payload, robotIds: visible } : payload);
    }
  }

  /** The local sockets in any of the rooms, each once, with the highest rate it asked for. */
  private *watchers(rooms: readonly string[]): Generator<[Socket, WatcherState, number | null]> {
    const namespace = this.namespace;
    if (!namespace) return;
    const rates = new Map<string, number | null>();
    for (const room of rooms) {
      for (const id of namespace.adapter.rooms.get(room) ?? []) {
        const socket = namespace.sockets.get(id);
        const state = socket?.data as WatcherState | undefined;
        if (!socket || !state?.rooms) continue;
        const hz = state.rooms.get(room) ?? null;
        const previous = rates.get(id);
        rates.set(id, previous === undefined ? hz : previous === null || hz === null ? null : Math.max(previous, hz));
      }
    }
    for (const [id, hz] of rates) {
      const socket = namespace.sockets.get(id);
      if (socket) yield [socket, socket.data as WatcherState, hz];
    }
  }
}

/** A watch message whose samples are parsed from the robot's text only if something reads them. */
function samplesReadFrom(batchJson: string, { robotId, sessionId }: Omit<WatchMessage, 'samples'>): WatchMessage {
  let samples: TelemetrySample[] | null = null;
  return {
    robotId,
    sessionId,
    get samples() {
      return (samples ??= (JSON.parse(batchJson) as { samples: TelemetrySample[] }).samples);
    },
  };
}

function watchMessageJson(message: WatchMessage, samplesJson: string): string {
  return `{"robotId":${JSON.stringify(message.robotId)},"sessionId":${JSON.stringify(message.sessionId)},"samples":${samplesJson}}`;
}

function bufferedPackets(socket: Socket): number {
  return (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { EVALUATION_COMPLETED_EVENT, SESSION_UPDATED_EVENT, TELEMETRY_EVENT, type Session } from '@app/contract';
import { Actor, EventBus, MetricsService } from '@app/platform';
import { Counter } from 'prom-client';
import type { Namespace, Socket } from 'socket.io';
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
  bayId: string | null;
}

/** A browser more than this many packets behind is stalled: it misses messages rather than slowing anyone. */
const MAX_BUFFERED_PACKETS = 64;
const FANOUT_EVENT = 'field:telemetry';

export const roomOf = {
  robot: (id: string) => `robot:${id}`,
  session: (id: string) => `session:${id}`,
  bay: (id: string) => `bay:${id}`,
};

/**
 * Delivers to watchers. Telemetry from a robot connected to this process goes to this process's
 * watchers directly, and to every other process through the socket.io adapter (Redis Streams);
 * each process then serves its own sockets, applying each watcher's maxHz and vendor scope, and
 * skipping a stalled socket instead of buffering without bound. Session and evaluation events
 * arrive through the event bus, in every process, from any process (API or worker).
 */
@Injectable()
export class WatchHub implements OnModuleInit {
  private namespace: Namespace | null = null;
  private readonly dropped: Counter<'reason'>;
  private readonly delivered: Counter;

  constructor(
    private readonly events: EventBus,
    metrics: MetricsService,
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
    this.events.on<Session>('session.updated', (event) => this.deliverSession(event.payload));
    this.events.on<{ robotId: string }>('evaluation.completed', (event) =>
      this.deliverEvent(EVALUATION_COMPLETED_EVENT, [roomOf.robot(event.payload.robotId)], event.payload, [
        event.payload.robotId,
      ]),
    );
  }

  attach(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.on(FANOUT_EVENT, (message: TelemetryFanout) => this.deliverTelemetry(message));
  }

  /** Telemetry just stored by this process's ingest. */
  publish(message: TelemetryFanout): void {
    if (!this.namespace) return;
    this.deliverTelemetry(message);
    this.namespace.serverSideEmit(FANOUT_EVENT, message);
  }

  private deliverTelemetry(message: TelemetryFanout): void {
    const namespace = this.namespace;
    if (!namespace) return;
    const rooms = [roomOf.robot(message.robotId)];
    if (message.sessionId) rooms.push(roomOf.session(message.sessionId));
    if (message.bayId) rooms.push(roomOf.bay(message.bayId));
    const now = Date.now();
    for (const [socket, state, maxHz] of this.watchers(rooms)) {
      if (state.visibleRobots && !state.visibleRobots.has(message.robotId)) continue;
      const outgoing: WatchMessage = {
        robotId: message.robotId,
        sessionId: message.sessionId,
        samples: message.samples,
      };
      if (maxHz === null) {
        this.send(socket, outgoing);
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
    if (bufferedPackets(socket) > MAX_BUFFERED_PACKETS) {
      this.dropped.inc({ reason: 'stalled' });
      return;
    }
    socket.emit(TELEMETRY_EVENT, message);
    this.delivered.inc();
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

function bufferedPackets(socket: Socket): number {
  return (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
}

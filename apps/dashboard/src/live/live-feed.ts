import type {
  Session,
  WatchAck,
  WatchClientToServerEvents,
  WatchServerToClientEvents,
  WatchTarget,
  WatchTelemetry,
} from '@app/contract';
import {
  SESSION_UPDATED_EVENT,
  SUBSCRIBE_EVENT,
  TELEMETRY_EVENT,
  UNAUTHORIZED_CONNECT_ERROR,
  UNSUBSCRIBE_EVENT,
  WATCH_NAMESPACE,
} from '@app/contract';
import { io, type Socket } from 'socket.io-client';
import { LiveData, type LogEntry } from './live-data';

/** What is being watched: one robot, one session or one bay. */
export interface WatchChoice {
  target: WatchTarget;
  id: string;
}

export type Connection = 'connecting' | 'live' | 'reconnecting' | 'refused';

export type SubscriptionState =
  { state: 'idle' } | { state: 'pending' } | { state: 'ok' } | { state: 'refused'; message: string };

export interface FeedSnapshot {
  connection: Connection;
  /** socket.io's reconnection attempt, while reconnecting. */
  attempt: number;
  subscription: SubscriptionState;
  robotIds: readonly string[];
  /** Newest first. */
  events: readonly LogEntry[];
  samples: number;
  newestTs: number | null;
  /** When this snapshot was taken (epoch ms): "now" for the lag while data keeps arriving. */
  takenAt: number;
  /** Changes whenever the data did, for charts that redraw from the traces. */
  version: number;
}

export interface LiveFeedOptions {
  /** Asked at every (re)connection, so a reconnect never uses a stale token. */
  token: () => string | null;
  /** The most messages a second per robot the field may send this browser. */
  maxHz: number;
  onUnauthorized: () => void;
  onSession?: (session: Session) => void;
}

type WatchSocket = Socket<WatchServerToClientEvents<Session>, WatchClientToServerEvents>;

/** React hears of new data at most this often; charts draw at that pace, not per message. */
const NOTIFY_EVERY_MS = 100;
const SUBSCRIBE_TIMEOUT_MS = 10_000;
/** How long the feed waits before asking again when the field answered `unavailable`. */
const RETRY_AFTER_MS = 3_000;

const subscription = (choice: WatchChoice, maxHz?: number) => ({ [choice.target]: choice.id, maxHz });

/**
 * The `/watch` socket of the live view and what it has received. socket.io reconnects by itself
 * after a lost connection; each (re)connection subscribes again to what is being watched.
 */
export class LiveFeed {
  readonly data = new LiveData();
  private socket: WatchSocket | null = null;
  private choice: WatchChoice | null = null;
  /** Counts choices, so an acknowledgement of an earlier one is ignored. */
  private generation = 0;
  private connection: Connection = 'connecting';
  private attempt = 0;
  private subscriptionState: SubscriptionState = { state: 'idle' };
  private version = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();
  private snapshot: FeedSnapshot = this.build();

  constructor(private readonly options: LiveFeedOptions) {}

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): FeedSnapshot => this.snapshot;

  start(): void {
    if (this.socket) return;
    this.connection = 'connecting';
    const socket: WatchSocket = io(WATCH_NAMESPACE, {
      transports: ['websocket'],
      auth: (callback) => callback({ token: this.options.token() ?? '' }),
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
    });
    socket.on('connect', () => {
      this.connection = 'live';
      this.attempt = 0;
      this.sendSubscribe();
      this.changed(true);
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      // The field closed this watcher (a sign-in it no longer accepts): connecting again tells which.
      if (reason === 'io server disconnect') socket.connect();
      this.connection = 'reconnecting';
      if (this.choice) this.subscriptionState = { state: 'pending' };
      this.changed(true);
    });
    socket.on('connect_error', (error) => {
      if (error.message === UNAUTHORIZED_CONNECT_ERROR) {
        this.connection = 'refused';
        this.changed(true);
        this.options.onUnauthorized();
        return;
      }
      this.connection = 'reconnecting';
      this.changed(true);
      // Refused by the field for another reason ("unavailable": it could not check the sign-in just
      // now): socket.io does not retry a refusal by itself, so the feed tries again a little later.
      if (!socket.active) this.retryLater(socket);
    });
    socket.io.on('reconnect_attempt', (attempt) => {
      this.attempt = attempt;
      this.changed(true);
    });
    socket.on(TELEMETRY_EVENT, (message: WatchTelemetry) => {
      if (this.subscriptionState.state !== 'ok') return;
      this.data.add(message, Date.now());
      this.changed();
    });
    socket.on(SESSION_UPDATED_EVENT, (session) => {
      this.data.addSession(session, Date.now());
      this.options.onSession?.(session);
      this.changed();
    });
    this.socket = socket;
  }

  stop(): void {
    this.socket?.close();
    this.socket = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private retryLater(socket: WatchSocket): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.socket === socket && !socket.connected) socket.connect();
    }, RETRY_AFTER_MS);
  }

  /** Watches something else (or nothing): the old subscription ends and its data is forgotten. */
  watch(choice: WatchChoice | null): void {
    if (choice?.target === this.choice?.target && choice?.id === this.choice?.id) return;
    const previous = this.choice;
    this.choice = choice;
    this.generation += 1;
    this.data.clear();
    if (previous && this.socket?.connected) {
      this.socket.emit(UNSUBSCRIBE_EVENT, subscription(previous), () => undefined);
    }
    this.subscriptionState = { state: choice ? 'pending' : 'idle' };
    this.sendSubscribe();
    this.changed(true);
  }

  private sendSubscribe(): void {
    const { choice, socket } = this;
    if (!choice || !socket?.connected) return;
    const generation = this.generation;
    this.subscriptionState = { state: 'pending' };
    socket
      .timeout(SUBSCRIBE_TIMEOUT_MS)
      .emit(SUBSCRIBE_EVENT, subscription(choice, this.options.maxHz), (error: Error | null, ack: WatchAck) => {
        if (generation !== this.generation) return;
        // No answer: a reconnection subscribes again; on a connection that stayed up, ask again.
        if (error) {
          if (socket.connected) this.sendSubscribe();
          return;
        }
        // The field could not check the subscription just now (its database is away): ask again later.
        if (!ack.ok && ack.error.code === 'unavailable') {
          setTimeout(() => {
            if (generation === this.generation && socket.connected) this.sendSubscribe();
          }, RETRY_AFTER_MS);
          return;
        }
        this.subscriptionState = ack.ok ? { state: 'ok' } : { state: 'refused', message: ack.error.message };
        this.changed(true);
      });
  }

  private changed(immediately = false): void {
    if (immediately) return this.flush();
    this.timer ??= setTimeout(() => this.flush(), NOTIFY_EVERY_MS);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.version += 1;
    this.snapshot = this.build();
    for (const listener of this.listeners) listener();
  }

  private build(): FeedSnapshot {
    return {
      connection: this.connection,
      attempt: this.attempt,
      subscription: this.subscriptionState,
      robotIds: [...this.data.traces.keys()],
      events: [...this.data.events].reverse(),
      samples: this.data.samples,
      newestTs: this.data.newestTs,
      takenAt: Date.now(),
      version: this.version,
    };
  }
}

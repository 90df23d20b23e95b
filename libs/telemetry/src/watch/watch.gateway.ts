import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import {
  SUBSCRIBE_EVENT,
  UNAUTHORIZED_CONNECT_ERROR,
  UNAVAILABLE_CONNECT_ERROR,
  UNSUBSCRIBE_EVENT,
  WATCH_NAMESPACE,
  WatchAck,
  WatchErrorCode,
  WatchSubscription,
} from '@app/contract';
import { RobotsService } from '@app/enrollment';
import { BaysService } from '@app/field';
import { AccessTokenClaims, AccessTokens, UsersService } from '@app/identity';
import { Actor, DomainError, vendorScopeOf } from '@app/platform';
import { SessionQueriesService } from '@app/scheduling';
import type { Namespace, Socket } from 'socket.io';
import { roomOf, WatchHub, WatcherState } from './watch-hub';

const refuse = (code: WatchErrorCode, message: string): WatchAck => ({ ok: false, error: { code, message } });
const UNAVAILABLE_ACK = refuse('unavailable', 'the field could not check this request just now; try again');

/** The room of every `/watch` socket of one person, in every process (not a watch target: see roomOf). */
export const watcherRoomOf = (userId: string) => `user:${userId}`;
/**
 * How often every watcher's token is checked again, should a change notification have been lost
 * (the event bus delivers at most once): the bound on how long such a socket can outlive its access.
 */
const RECHECK_INTERVAL_MS = 15_000;
/** setTimeout's longest delay; a token living longer is ended by the periodic check instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface LiveWatcher extends WatcherState {
  claims: AccessTokenClaims;
  expiry: NodeJS.Timeout | null;
}

/**
 * `/watch`: people watching robots, sessions and bays live. The access token is checked when the
 * socket connects (Nest guards do not run on connections), again, with the target's own
 * authorisation, on every `subscribe`, and for as long as the socket stays open: the socket ends
 * at the token's expiry, and when its person logs the token out, changes password, is deactivated
 * or changes role or vendor (USER_CHANGED on the event bus, with a periodic check behind it).
 */
@WebSocketGateway({ namespace: WATCH_NAMESPACE })
export class WatchGateway implements OnGatewayInit<Namespace>, OnGatewayConnection<Socket>, OnApplicationShutdown {
  private readonly logger = new Logger(WatchGateway.name);
  private namespace: Namespace | null = null;
  private recheckTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly hub: WatchHub,
    private readonly tokens: AccessTokens,
    private readonly users: UsersService,
    private readonly robots: RobotsService,
    private readonly sessions: SessionQueriesService,
    private readonly bays: BaysService,
  ) {}

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    this.hub.attach(namespace);
    namespace.use((socket, next) => {
      this.authenticate(socket).then(
        (watcher) => {
          if (!watcher) return next(new Error(UNAUTHORIZED_CONNECT_ERROR));
          socket.data = watcher;
          next();
        },
        (error: unknown) => {
          this.logger.warn({ err: error }, 'could not authenticate a watcher');
          next(new Error(UNAVAILABLE_CONNECT_ERROR));
        },
      );
    });
    this.users.onUserChanged((userId) => this.recheckUser(userId));
    this.recheckTimer = setInterval(() => {
      this.recheckAll().catch((error: unknown) => this.logger.warn({ err: error }, 'could not re-check watchers'));
    }, RECHECK_INTERVAL_MS);
    this.recheckTimer.unref();
  }

  onApplicationShutdown(): void {
    if (this.recheckTimer) clearInterval(this.recheckTimer);
  }

  handleConnection(socket: Socket): void {
    const state = socket.data as LiveWatcher;
    joinRoom(socket, watcherRoomOf(state.actor.id), this.logger);
    const untilExpiry = state.claims.exp * 1000 - Date.now();
    if (untilExpiry <= 0) {
      socket.disconnect(true);
      return;
    }
    if (untilExpiry < MAX_TIMER_MS) {
      state.expiry = setTimeout(() => socket.disconnect(true), untilExpiry);
      state.expiry.unref();
    }
    socket.on(SUBSCRIBE_EVENT, (body: unknown, ack?: (answer: WatchAck) => void) => {
      this.subscribe(socket, body)
        .catch((error: unknown): WatchAck => {
          this.logger.warn({ err: error, userId: state.actor.id }, 'a watch subscription could not be checked');
          return UNAVAILABLE_ACK;
        })
        .then((answer) => {
          if (typeof ack === 'function') ack(answer);
        })
        .catch((error: unknown) => this.logger.warn({ err: error }, 'could not answer a watch subscription'));
    });
    socket.on(UNSUBSCRIBE_EVENT, (body: unknown, ack?: (answer: WatchAck) => void) => {
      let answer: WatchAck;
      try {
        answer = this.unsubscribe(socket, body);
      } catch (error) {
        this.logger.warn({ err: error, userId: state.actor.id }, 'a watch unsubscription failed');
        answer = UNAVAILABLE_ACK;
      }
      if (typeof ack === 'function') ack(answer);
    });
    socket.on('disconnect', () => {
      if (state.expiry) clearTimeout(state.expiry);
      for (const throttle of state.throttles.values()) {
        if (throttle.timer) clearTimeout(throttle.timer);
      }
      state.rooms.clear();
      this.hub.watchersChanged();
    });
  }

  private unsubscribe(socket: Socket, body: unknown): WatchAck {
    const parsed = WatchSubscription.safeParse(body);
    if (!parsed.success) return refuse('invalid_request', parsed.error.issues[0].message);
    const room = roomFor(parsed.data);
    leaveRoom(socket, room, this.logger);
    (socket.data as WatcherState).rooms.delete(room);
    this.hub.watchersChanged();
    return { ok: true };
  }

  private async subscribe(socket: Socket, body: unknown): Promise<WatchAck> {
    const parsed = WatchSubscription.safeParse(body);
    if (!parsed.success) return refuse('invalid_request', parsed.error.issues[0].message);
    const state = socket.data as LiveWatcher;
    // The person may have been deactivated or changed role since the socket connected.
    const actor = await this.users.authenticate(state.claims, true);
    if (!actor) {
      socket.disconnect(true);
      return refuse('unauthorized', 'the access token is no longer valid');
    }
    state.actor = actor;
    const subscription = parsed.data;
    try {
      const allowed = await this.authorize(actor, subscription);
      if (!allowed.ok) return allowed;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') return refuse('not_found', error.detail);
      throw error;
    }
    const vendorId = vendorScopeOf(actor);
    state.visibleRobots = vendorId === null ? null : new Set(await this.robots.idsOfVendor(vendorId));
    if (!socket.connected) return refuse('unauthorized', 'the connection has closed');
    const room = roomFor(subscription);
    state.rooms.set(room, subscription.maxHz ?? null);
    await socket.join(room);
    this.hub.watchersChanged();
    return { ok: true };
  }

  /** A vendor may watch only its own robots; everyone else may watch any robot, session or bay. */
  private async authorize(actor: Actor, subscription: WatchSubscription): Promise<WatchAck> {
    if (subscription.robotId) {
      await this.robots.findVisible(subscription.robotId, actor);
      return { ok: true };
    }
    if (actor.role === 'vendor') return refuse('forbidden', 'a vendor may watch only its own robots, by robotId');
    if (subscription.sessionId) await this.sessions.get(subscription.sessionId, actor);
    if (subscription.bayId) await this.bays.get(subscription.bayId);
    return { ok: true };
  }

  /** The watcher a handshake speaks for; null when its token is refused; throws when it could not be checked. */
  private async authenticate(socket: Socket): Promise<LiveWatcher | null> {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string') return null;
    const claims = await this.tokens.verify(token);
    if (!claims) return null;
    const actor = await this.users.authenticate(claims, true);
    if (!actor) return null;
    return { actor, claims, expiry: null, visibleRobots: null, rooms: new Map(), throttles: new Map() };
  }

  /** Ends this process's sockets of a person whose tokens no longer stand as they did when each connected. */
  private async recheckUser(userId: string): Promise<void> {
    const namespace = this.namespace;
    const ids = namespace?.adapter.rooms.get(watcherRoomOf(userId));
    if (!namespace || !ids) return;
    await this.recheck([...ids].flatMap((id) => namespace.sockets.get(id) ?? []));
  }

  private async recheckAll(): Promise<void> {
    if (this.namespace) await this.recheck([...this.namespace.sockets.values()]);
  }

  private async recheck(sockets: Socket[]): Promise<void> {
    const now = Date.now();
    for (const socket of sockets) {
      const state = socket.data as LiveWatcher | undefined;
      if (!state?.claims || !socket.connected) continue;
      let actor: Actor | null;
      try {
        actor = state.claims.exp * 1000 <= now ? null : await this.users.authenticate(state.claims, true);
      } catch (error) {
        // The database is away: the socket stays until a later check can tell, or its token expires.
        this.logger.warn({ err: error, userId: state.actor.id }, 'could not re-check a watcher');
        return;
      }
      if (actor) state.actor = actor;
      else socket.disconnect(true);
    }
  }
}

/** socket.io's adapters may join and leave asynchronously; a failure there must not escape as a rejection. */
function joinRoom(socket: Socket, room: string, logger: Logger): void {
  Promise.resolve(socket.join(room)).catch((error: unknown) => logger.warn({ err: error, room }, 'could not join'));
}

function leaveRoom(socket: Socket, room: string, logger: Logger): void {
  Promise.resolve(socket.leave(room)).catch((error: unknown) => logger.warn({ err: error, room }, 'could not leave'));
}

function roomFor(subscription: WatchSubscription): string {
  if (subscription.robotId) return roomOf.robot(subscription.robotId);
  if (subscription.sessionId) return roomOf.session(subscription.sessionId);
  return roomOf.bay(subscription.bayId as string);
}

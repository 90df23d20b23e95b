import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import {
  SUBSCRIBE_EVENT,
  UNAUTHORIZED_CONNECT_ERROR,
  UNSUBSCRIBE_EVENT,
  WATCH_NAMESPACE,
  WatchAck,
  WatchErrorCode,
  WatchSubscription,
} from '@app/contract';
import { RobotsService } from '@app/enrollment';
import { BaysService } from '@app/field';
import { AccessTokens, UsersService } from '@app/identity';
import { Actor, DomainError, vendorScopeOf } from '@app/platform';
import { SessionsService } from '@app/scheduling';
import type { Namespace, Socket } from 'socket.io';
import { roomOf, WatchHub, WatcherState } from './watch-hub';

const refuse = (code: WatchErrorCode, message: string): WatchAck => ({ ok: false, error: { code, message } });

/**
 * `/watch`: people watching robots, sessions and bays live. The access token is checked when the
 * socket connects (Nest guards do not run on connections), and again, with the target's own
 * authorisation, on every `subscribe`.
 */
@WebSocketGateway({ namespace: WATCH_NAMESPACE })
export class WatchGateway implements OnGatewayInit<Namespace>, OnGatewayConnection<Socket> {
  private readonly logger = new Logger(WatchGateway.name);

  constructor(
    private readonly hub: WatchHub,
    private readonly tokens: AccessTokens,
    private readonly users: UsersService,
    private readonly robots: RobotsService,
    private readonly sessions: SessionsService,
    private readonly bays: BaysService,
  ) {}

  afterInit(namespace: Namespace): void {
    this.hub.attach(namespace);
    namespace.use((socket, next) => {
      this.authenticate(socket).then(
        (actor) => {
          if (!actor) return next(new Error(UNAUTHORIZED_CONNECT_ERROR));
          socket.data = { actor, visibleRobots: null, rooms: new Map(), throttles: new Map() } satisfies WatcherState;
          next();
        },
        (error: unknown) => {
          this.logger.warn({ err: error }, 'could not authenticate a watcher');
          next(new Error(UNAUTHORIZED_CONNECT_ERROR));
        },
      );
    });
  }

  handleConnection(socket: Socket): void {
    socket.on(SUBSCRIBE_EVENT, (body: unknown, ack?: (answer: WatchAck) => void) => {
      void this.subscribe(socket, body)
        .catch((error: unknown): WatchAck => {
          // The database is away or failing: the watcher may try again; the process must not end.
          this.logger.warn({ err: error }, 'could not check a subscription');
          return refuse('unavailable', 'the field cannot check this subscription right now; try again shortly');
        })
        .then((answer) => ack?.(answer));
    });
    socket.on(UNSUBSCRIBE_EVENT, (body: unknown, ack?: (answer: WatchAck) => void) => {
      const parsed = WatchSubscription.safeParse(body);
      if (!parsed.success) return ack?.(refuse('invalid_request', parsed.error.issues[0].message));
      const room = roomFor(parsed.data);
      void socket.leave(room);
      (socket.data as WatcherState).rooms.delete(room);
      this.hub.watchersChanged();
      ack?.({ ok: true });
    });
    socket.on('disconnect', () => {
      const state = socket.data as WatcherState;
      for (const throttle of state.throttles.values()) {
        if (throttle.timer) clearTimeout(throttle.timer);
      }
      state.rooms.clear();
      this.hub.watchersChanged();
    });
  }

  private async subscribe(socket: Socket, body: unknown): Promise<WatchAck> {
    const parsed = WatchSubscription.safeParse(body);
    if (!parsed.success) return refuse('invalid_request', parsed.error.issues[0].message);
    const state = socket.data as WatcherState;
    // The person may have been deactivated or changed role since the socket connected.
    const actor = await this.users.findActiveActor(state.actor.id);
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

  private async authenticate(socket: Socket): Promise<Actor | null> {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string') return null;
    const userId = await this.tokens.verify(token);
    return userId ? this.users.findActiveActor(userId) : null;
  }
}

function roomFor(subscription: WatchSubscription): string {
  if (subscription.robotId) return roomOf.robot(subscription.robotId);
  if (subscription.sessionId) return roomOf.session(subscription.sessionId);
  return roomOf.bay(subscription.bayId as string);
}

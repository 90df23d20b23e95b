import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CreateUserBody, ListUsersQuery, Page, UpdateUserBody, User } from '@app/contract';
import { Actor, AuditService, decodeIdCursor, EventBus, notFound, toPage, unprocessable } from '@app/platform';
import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { AccessTokenClaims, tokenStanding } from '../auth/token-standing';
import { CalendarFeedsRepository } from '../calendar-feeds/calendar-feeds.repository';
import { ActorCache } from './actor-cache';
import { KnownIdentity, LoginCandidate, UsersRepository } from './users.repository';

/**
 * Published when a user's role, vendor, standing or tokens change (a logout included), so every
 * process forgets it and re-checks that user's live connections.
 */
export const USER_CHANGED = 'user.changed';
/** How long a looked-up actor may serve should a change notification be lost. */
const ACTOR_CACHE_MS = 2000;

@Injectable()
export class UsersService implements OnModuleInit {
  private readonly actors = new ActorCache<KnownIdentity>(ACTOR_CACHE_MS);
  private readonly changeListeners = new Set<(userId: string) => Promise<void>>();
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly feeds: CalendarFeedsRepository,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    this.events.on<{ id: string }>(USER_CHANGED, (event) => this.forgetAndNotify(event.payload.id));
    // Notifications may have been missed while the bus was away.
    this.events.onReconnect(() => this.actors.clear());
  }

  /**
   * Called in this process whenever a user changed in any process, once the cached copy is
   * forgotten (so that the listener reads the user afresh, whatever order the bus calls handlers in).
   */
  onUserChanged(listener: (userId: string) => Promise<void>): void {
    this.changeListeners.add(listener);
  }

  /**
   * After a committed change: this process forgets and re-checks at once (also when the bus is
   * away), and every process, this one again included, hears of it through the bus.
   */
  private async changed(id: string): Promise<void> {
    await this.forgetAndNotify(id);
    await this.events.publish(USER_CHANGED, { id });
  }

  private async forgetAndNotify(id: string): Promise<void> {
    this.actors.forget(id);
    for (const listener of this.changeListeners) {
      await listener(id).catch((error: unknown) =>
        this.logger.warn({ err: error, userId: id }, 'a user-change listener failed'),
      );
    }
  }

  async create(body: CreateUserBody): Promise<User> {
    const passwordHash = await hashPassword(body.password);
    return this.dataSource.transaction(async (manager) => {
      const created = await this.users.insert(manager, {
        email: body.email,
        name: body.name,
        role: body.role,
        vendorId: body.vendorId ?? null,
        passwordHash,
      });
      await this.audit.record({ action: 'user.create', entity: 'user', entityId: created.id, after: created }, manager);
      return created;
    });
  }

  async update(id: string, body: UpdateUserBody, actor: Actor): Promise<User> {
    const updated = await this.updateInTransaction(id, body, actor);
    // After the commit, so that no request re-reads the row as it was.
    await this.changed(id);
    return updated;
  }

  private updateInTransaction(id: string, body: UpdateUserBody, actor: Actor): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.users.lockById(manager, id);
      if (!before) throw notFound('user', id);
      if (id === actor.id && (body.active === false || (body.role && body.role !== 'admin'))) {
        throw unprocessable('you cannot deactivate yourself or give up your own admin role');
      }
      const role = body.role ?? before.role;
      const vendorId = body.vendorId !== undefined ? body.vendorId : role === 'vendor' ? before.vendorId : null;
      if (role === 'vendor' && !vendorId) {
        throw unprocessable('a vendor user needs a vendorId', {
          errors: [{ field: 'vendorId', message: 'is required when role is vendor' }],
        });
      }
      if (role !== 'vendor' && vendorId) {
        throw unprocessable('only vendor users belong to a vendor', {
          errors: [{ field: 'vendorId', message: 'is only for role vendor' }],
        });
      }
      const active = body.active ?? before.active;
      const endsTokens = !!body.password || (before.active && !active);
      const after = await this.users.update(manager, before, {
        name: body.name ?? before.name,
        role,
        vendorId,
        active,
        passwordHash: body.password ? await hashPassword(body.password) : null,
        endTokens: endsTokens,
      });
      await this.audit.record(
        {
          action: 'user.update',
          entity: 'user',
          entityId: id,
          before,
          after,
          details:
            body.password || endsTokens ? { passwordChanged: !!body.password, tokensEnded: endsTokens } : undefined,
        },
        manager,
      );
      if (endsTokens) await this.feeds.revokeAllOf(manager, id);
      return after;
    });
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw notFound('user', id);
    return user;
  }

  async list(query: ListUsersQuery): Promise<Page<User>> {
    const afterId = query.cursor ? decodeIdCursor(query.cursor) : null;
    const users = await this.users.list(query.role, afterId, query.limit + 1);
    return toPage(
      users,
      query.limit,
      (user) => [user.id],
      (user) => user,
    );
  }

  /**
   * The signed-in person behind a token, as the guard needs it; null when unknown or deactivated.
   * Runs on every request, so it is answered from the ActorCache while that is current.
   */
  async findActiveActor(id: string): Promise<Actor | null> {
    return (await this.actors.get(id, (userId) => this.users.loadIdentity(userId)))?.actor ?? null;
  }

  /**
   * The person an access token (signature and expiry already checked) speaks for, or null when it
   * was logged out, superseded by a password change, or its person is gone or deactivated. `live`:
   * for a connection that stays open, which must also end when the person's role or vendor changes.
   */
  async authenticate(claims: AccessTokenClaims, live = false): Promise<Actor | null> {
    // Every request passes here: a current cache entry is taken without awaiting a lookup.
    const known =
      this.actors.peek(claims.sub) ?? (await this.actors.get(claims.sub, (userId) => this.users.loadIdentity(userId)));
    return tokenStanding(claims, known?.stored ?? null, live) === 'valid' ? (known?.actor ?? null) : null;
  }

  /** Logout: the token stops working in every process; kept until it would have expired anyway. */
  async revokeToken(claims: AccessTokenClaims, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.users.revokeToken(manager, claims.jti, claims.sub, claims.exp);
      await this.audit.record(
        { action: 'auth.logout', entity: 'session', entityId: actor.id, details: { tokenId: claims.jti } },
        manager,
      );
    });
    await this.changed(claims.sub);
  }

  /** For the login: the user with its password hash (never read otherwise). */
  findForLogin(email: string): Promise<LoginCandidate | null> {
    return this.users.findForLogin(email);
  }

  /** Creates the bootstrap admin unless that email already exists; true when it was created. */
  async ensureAdmin(email: string, password: string): Promise<boolean> {
    if (await this.users.existsWithEmail(email)) return false;
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      const id = await this.users.insertAdminIfAbsent(manager, email, 'Field administrator', passwordHash);
      if (id === null) return false;
      await this.audit.record(
        {
          action: 'user.bootstrap_admin',
          entity: 'user',
          entityId: id,
          after: { email, role: 'admin' },
          actor: null,
        },
        manager,
      );
      return true;
    });
  }
}

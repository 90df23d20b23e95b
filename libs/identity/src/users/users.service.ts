import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CreateUserBody, ListUsersQuery, Page, UpdateUserBody, User } from '@app/contract';
import {
  Actor,
  AuditService,
  conflict,
  decodeIdCursor,
  byConstraint,
  EventBus,
  notFound,
  missingReference,
  toPage,
  unprocessable,
} from '@app/platform';
import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { hashPassword } from '../auth/passwords';
import { AccessTokenClaims, StoredIdentity, tokenStanding } from '../auth/token-standing';
import { ActorCache } from './actor-cache';
import { UserEntity } from './user.entity';

/**
 * Published when a user's role, vendor, standing or tokens change (a logout included), so every
 * process forgets it and re-checks that user's live connections.
 */
export const USER_CHANGED = 'user.changed';
/** How long a looked-up actor may serve should a change notification be lost. */
const ACTOR_CACHE_MS = 2000;

/** A signed-in person as the guard needs them, with what revokes their tokens. */
interface KnownIdentity {
  actor: Actor;
  stored: StoredIdentity;
}

@Injectable()
export class UsersService implements OnModuleInit {
  private readonly actors = new ActorCache<KnownIdentity>(ACTOR_CACHE_MS);
  private readonly changeListeners = new Set<(userId: string) => Promise<void>>();
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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

  private get repo() {
    return this.dataSource.getRepository(UserEntity);
  }

  async create(body: CreateUserBody): Promise<User> {
    const passwordHash = await hashPassword(body.password);
    return this.dataSource.transaction(async (manager) => {
      let user: UserEntity;
      try {
        user = await manager.getRepository(UserEntity).save(
          manager.getRepository(UserEntity).create({
            email: body.email,
            name: body.name,
            role: body.role,
            vendorId: body.vendorId ?? null,
            passwordHash,
          }),
        );
      } catch (error) {
        throw this.translate(error, body.email);
      }
      const created = presentUser(user);
      await this.audit.record({ action: 'user.create', entity: 'user', entityId: user.id, after: created }, manager);
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
      const repo = manager.getRepository(UserEntity);
      const user = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('user', id);
      const before = presentUser(user);
      if (id === actor.id && (body.active === false || (body.role && body.role !== 'admin'))) {
        throw unprocessable('you cannot deactivate yourself or give up your own admin role');
      }
      const role = body.role ?? user.role;
      const vendorId = body.vendorId !== undefined ? body.vendorId : role === 'vendor' ? user.vendorId : null;
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
      Object.assign(user, {
        name: body.name ?? user.name,
        role,
        vendorId,
        active: body.active ?? user.active,
        updatedAt: new Date(),
      });
      if (body.password) user.passwordHash = await hashPassword(body.password);
      const endsTokens = !!body.password || (before.active && !user.active);
      // Every access token issued before carries the old version and stops working.
      if (endsTokens) user.tokenVersion += 1;
      try {
        await repo.save(user);
      } catch (error) {
        throw this.translate(error, user.email);
      }
      const after = presentUser(user);
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
      if (endsTokens) await this.revokeCalendarFeedsOf(id, manager);
      return after;
    });
  }

  async get(id: string): Promise<User> {
    const user = await this.repo.findOneBy({ id });
    if (!user) throw notFound('user', id);
    return presentUser(user);
  }

  async list(query: ListUsersQuery): Promise<Page<User>> {
    const qb = this.repo.createQueryBuilder('u');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.cursor) qb.andWhere('u.id > :after', { after: decodeIdCursor(query.cursor) });
    const rows = await qb
      .orderBy('u.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    return toPage(rows, query.limit, (row) => [row.id], presentUser);
  }

  /**
   * The signed-in person behind a token, as the guard needs it; null when unknown or deactivated.
   * Runs on every request, so it is answered from the ActorCache while that is current.
   */
  async findActiveActor(id: string): Promise<Actor | null> {
    return (await this.actors.get(id, (userId) => this.loadIdentity(userId)))?.actor ?? null;
  }

  /**
   * The person an access token (signature and expiry already checked) speaks for, or null when it
   * was logged out, superseded by a password change, or its person is gone or deactivated. `live`:
   * for a connection that stays open, which must also end when the person's role or vendor changes.
   */
  async authenticate(claims: AccessTokenClaims, live = false): Promise<Actor | null> {
    // Every request passes here: a current cache entry is taken without awaiting a lookup.
    const known =
      this.actors.peek(claims.sub) ?? (await this.actors.get(claims.sub, (userId) => this.loadIdentity(userId)));
    return tokenStanding(claims, known?.stored ?? null, live) === 'valid' ? (known?.actor ?? null) : null;
  }

  /** Logout: the token stops working in every process; kept until it would have expired anyway. */
  async revokeToken(claims: AccessTokenClaims, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES ($1, $2, to_timestamp($3))
         ON CONFLICT (jti) DO NOTHING`,
        [claims.jti, claims.sub, claims.exp],
      );
      // Rows past their token's expiry guard nothing; each logout prunes a bounded batch of them.
      await manager.query(
        `DELETE FROM revoked_tokens WHERE jti IN
           (SELECT jti FROM revoked_tokens WHERE expires_at < now() ORDER BY expires_at LIMIT 1000)`,
      );
      await this.audit.record(
        { action: 'auth.logout', entity: 'session', entityId: actor.id, details: { tokenId: claims.jti } },
        manager,
      );
    });
    await this.changed(claims.sub);
  }

  private async loadIdentity(id: string): Promise<KnownIdentity | null> {
    // One query per person and cache lifetime: the person, their token version and the logged-out
    // tokens that have not expired yet (few: a person logs out a handful of times a day). Straight to
    // the pool as a named statement: planning the subquery anew each time cost twice the old lookup.
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const { rows } = await pool.query<{
      id: string;
      role: Actor['role'];
      vendor_id: string | null;
      email: string;
      name: string;
      token_version: number;
      revoked: string[];
    }>({
      name: 'identity_load',
      text: `SELECT u.id, u.role, u.vendor_id, u.email, u.name, u.token_version,
                    ARRAY(SELECT r.jti::text FROM revoked_tokens r WHERE r.user_id = u.id AND r.expires_at > now()) AS revoked
               FROM users u WHERE u.id = $1 AND u.active`,
      values: [id],
    });
    const user = rows[0];
    if (!user) return null;
    return {
      actor: { id: user.id, role: user.role, vendorId: user.vendor_id, email: user.email, name: user.name },
      stored: {
        role: user.role,
        vendorId: user.vendor_id,
        tokenVersion: user.token_version,
        revokedJtis: new Set(user.revoked),
      },
    };
  }

  private async revokeCalendarFeedsOf(userId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      'UPDATE calendar_feeds SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()',
      [userId],
    );
  }

  /** For the login: the user with its password hash (never selected otherwise). */
  findForLogin(email: string): Promise<UserEntity | null> {
    return this.repo.createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
  }

  /** Creates the bootstrap admin unless that email already exists; true when it was created. */
  async ensureAdmin(email: string, password: string): Promise<boolean> {
    if (await this.repo.existsBy({ email })) return false;
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, 'admin', $3)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [email, 'Field administrator', passwordHash],
      );
      if (inserted.length === 0) return false;
      await this.audit.record(
        {
          action: 'user.bootstrap_admin',
          entity: 'user',
          entityId: inserted[0].id,
          after: { email, role: 'admin' },
          actor: null,
        },
        manager,
      );
      return true;
    });
  }

  private translate(error: unknown, email: string): unknown {
    return byConstraint(error, {
      users_email_key: () => conflict(`a user with the email ${email} already exists`),
      users_vendor_id_fkey: () => missingReference('vendorId', 'vendor'),
    });
  }
}

export function presentUser(user: UserEntity): User {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    vendorId: user.vendorId,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
  };
}

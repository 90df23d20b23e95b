import { Injectable, OnModuleInit } from '@nestjs/common';
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
import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { ActorCache } from './actor-cache';
import { UserEntity } from './user.entity';

/** Published when a user's role, vendor or standing changes, so every process forgets it. */
export const USER_CHANGED = 'user.changed';
/** How long a looked-up actor may serve should a change notification be lost. */
const ACTOR_CACHE_MS = 2000;

@Injectable()
export class UsersService implements OnModuleInit {
  private readonly actors = new ActorCache(ACTOR_CACHE_MS);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    this.events.on<{ id: string }>(USER_CHANGED, (event) => this.actors.forget(event.payload.id));
    // Notifications may have been missed while the bus was away.
    this.events.onReconnect(() => this.actors.clear());
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
    this.actors.forget(id);
    await this.events.publish(USER_CHANGED, { id });
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
          details: body.password ? { passwordChanged: true } : undefined,
        },
        manager,
      );
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
  findActiveActor(id: string): Promise<Actor | null> {
    return this.actors.get(id, (userId) => this.loadActiveActor(userId));
  }

  private async loadActiveActor(id: string): Promise<Actor | null> {
    // Plain SQL, no ORM query building.
    const rows: { id: string; role: Actor['role']; vendor_id: string | null; email: string; name: string }[] =
      await this.dataSource.query('SELECT id, role, vendor_id, email, name FROM users WHERE id = $1 AND active', [id]);
    const user = rows[0];
    return user ? { id: user.id, role: user.role, vendorId: user.vendor_id, email: user.email, name: user.name } : null;
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

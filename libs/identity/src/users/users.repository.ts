import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role, User } from '@app/contract';
import { Actor, byConstraint, conflict, missingReference, SqlWhere } from '@app/platform';
import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { TokenSubject } from '../auth/access-tokens';
import type { StoredIdentity } from '../auth/token-standing';
import { USERS_COLUMNS, UsersConstraint, UsersRow } from '../rows.generated';

/** The password hash is read only for a sign-in. */
const USER_FIELDS = USERS_COLUMNS.filter((column) => column !== 'password_hash').join(', ');
type UserFields = Omit<UsersRow, 'password_hash'>;

/** A signed-in person as the guard needs them, with what revokes their tokens. */
export interface KnownIdentity {
  actor: Actor;
  stored: StoredIdentity;
}

/** Who an email signs in as, with the hash to check the password against. */
export interface LoginCandidate extends TokenSubject {
  email: string;
  name: string;
  active: boolean;
  passwordHash: string;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  vendorId: string | null;
  passwordHash: string;
}

export interface UserChange {
  name: string;
  role: Role;
  vendorId: string | null;
  active: boolean;
  /** Null keeps the password. */
  passwordHash: string | null;
  /** Raises the token version: every access token issued before stops working. */
  endTokens: boolean;
}

/** People and their logged-out tokens. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, user: NewUser): Promise<User> {
    try {
      const [row]: UserFields[] = await manager.query(
        `INSERT INTO users (email, name, role, vendor_id, password_hash) VALUES ($1, $2, $3, $4, $5)
         RETURNING ${USER_FIELDS}`,
        [user.email, user.name, user.role, user.vendorId, user.passwordHash],
      );
      return presentUser(row);
    } catch (error) {
      throw translate(error, user.email);
    }
  }

  /** The id of the new administrator, or null when a user with that email exists. */
  async insertAdminIfAbsent(
    manager: EntityManager,
    email: string,
    name: string,
    passwordHash: string,
  ): Promise<string | null> {
    const inserted: Pick<UsersRow, 'id'>[] = await manager.query(
      `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, 'admin', $3)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [email, name, passwordHash],
    );
    return inserted[0]?.id ?? null;
  }

  async lockById(manager: EntityManager, id: string): Promise<User | null> {
    const [row]: UserFields[] = await manager.query(`SELECT ${USER_FIELDS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
    return row ? presentUser(row) : null;
  }

  async update(manager: EntityManager, user: User, change: UserChange): Promise<User> {
    try {
      // TypeORM answers an UPDATE with [rows, count].
      const [[row]]: [UserFields[], number] = await manager.query(
        `UPDATE users
            SET name = $2, role = $3, vendor_id = $4, active = $5, password_hash = COALESCE($6, password_hash),
                token_version = token_version + CASE WHEN $7 THEN 1 ELSE 0 END, updated_at = now()
          WHERE id = $1
          RETURNING ${USER_FIELDS}`,
        [user.id, change.name, change.role, change.vendorId, change.active, change.passwordHash, change.endTokens],
      );
      return presentUser(row);
    } catch (error) {
      throw translate(error, user.email);
    }
  }

  async findById(id: string): Promise<User | null> {
    const [row]: UserFields[] = await this.dataSource.query(`SELECT ${USER_FIELDS} FROM users WHERE id = $1`, [id]);
    return row ? presentUser(row) : null;
  }

  async existsWithEmail(email: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM users WHERE email = $1', [email]);
    return rows.length > 0;
  }

  /** Ordered by id, `limit` users after the user `afterId`. */
  async list(role: Role | undefined, afterId: string | null, limit: number): Promise<User[]> {
    const where = new SqlWhere();
    if (role) where.and(`role = ${where.param(role)}`);
    const rows: UserFields[] = await this.dataSource.query(
      `SELECT ${USER_FIELDS} FROM users ${where.page(afterId, limit)}`,
      where.params,
    );
    return rows.map(presentUser);
  }

  async findForLogin(email: string): Promise<LoginCandidate | null> {
    const [row]: UsersRow[] = await this.dataSource.query('SELECT * FROM users WHERE email = $1', [email]);
    if (!row) return null;
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      vendorId: row.vendor_id,
      active: row.active,
      tokenVersion: row.token_version,
      passwordHash: row.password_hash,
    };
  }

  /** An active person with their token version and the logged-out tokens that have not expired yet. */
  async loadIdentity(id: string): Promise<KnownIdentity | null> {
    // One query per person and cache lifetime (a person logs out a handful of times a day). Straight
    // to the pool as a named statement: planning the subquery anew each time cost twice the old lookup.
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const { rows } = await pool.query<
      Pick<UsersRow, 'id' | 'role' | 'vendor_id' | 'email' | 'name' | 'token_version'> & { revoked: string[] }
    >({
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

  /** Kept until the token would have expired anyway; a bounded batch of older ones goes with it. */
  async revokeToken(manager: EntityManager, jti: string, userId: string, expiresAtEpochSeconds: number): Promise<void> {
    await manager.query(
      `INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES ($1, $2, to_timestamp($3))
       ON CONFLICT (jti) DO NOTHING`,
      [jti, userId, expiresAtEpochSeconds],
    );
    await manager.query(
      `DELETE FROM revoked_tokens WHERE jti IN
         (SELECT jti FROM revoked_tokens WHERE expires_at < now() ORDER BY expires_at LIMIT 1000)`,
    );
  }
}

function translate(error: unknown, email: string): unknown {
  return byConstraint<UsersConstraint>(error, {
    users_email_key: () => conflict(`a user with the email ${email} already exists`),
    users_vendor_id_fkey: () => missingReference('vendorId', 'vendor'),
  });
}

function presentUser(row: UserFields): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    vendorId: row.vendor_id,
    active: row.active,
    createdAt: row.created_at.toISOString(),
  };
}

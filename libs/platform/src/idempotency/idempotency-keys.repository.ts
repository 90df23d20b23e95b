import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { IdempotencyKeysRow } from '../rows.generated';

export type StoredAnswer = Pick<IdempotencyKeysRow, 'fingerprint' | 'status' | 'content_type' | 'body'>;

/** Idempotency keys with the answers they hold, per user. */
@Injectable()
export class IdempotencyKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Takes the key for a request: true when it was free, or expired, or held unanswered by a request
   * with the same fingerprint whose lease ended (its process is gone).
   */
  async claim(userId: string, key: string, fingerprint: string, leaseMs: number, ttlMs: number): Promise<boolean> {
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys AS k (user_id, key, fingerprint, locked_until, expires_at)
       VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond', now() + $5 * interval '1 millisecond')
       ON CONFLICT (user_id, key) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, status = NULL, content_type = NULL, body = NULL,
             locked_until = EXCLUDED.locked_until, created_at = now(), expires_at = EXCLUDED.expires_at
       WHERE k.expires_at <= now()
          OR (k.status IS NULL AND k.locked_until <= now() AND k.fingerprint = EXCLUDED.fingerprint)
       RETURNING 1`,
      [userId, key, fingerprint, leaseMs, ttlMs],
    );
    return claimed.length > 0;
  }

  async find(userId: string, key: string): Promise<StoredAnswer | null> {
    const [stored]: StoredAnswer[] = await this.dataSource.query(
      'SELECT fingerprint, status, content_type, body FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [userId, key],
    );
    return stored ?? null;
  }

  async storeAnswer(userId: string, key: string, status: number, contentType: string, body: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET status = $3, content_type = $4, body = $5
        WHERE user_id = $1 AND key = $2 AND status IS NULL`,
      [userId, key, status, contentType, body],
    );
  }

  /** Frees a key whose request got no answer worth keeping. */
  async release(userId: string, key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status IS NULL', [
      userId,
      key,
    ]);
  }

  async deleteExpired(limit: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE ctid = ANY(ARRAY(
         SELECT ctid FROM idempotency_keys WHERE expires_at < now() LIMIT $1))`,
      [limit],
    );
  }
}

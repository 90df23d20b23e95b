import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CalendarFeedLink } from '@app/contract';
import { DataSource, EntityManager } from 'typeorm';
import type { CalendarFeedsRow } from '../rows.generated';

/** Issued calendar links: a link works only while its row is neither revoked nor expired. */
@Injectable()
export class CalendarFeedsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    userId: string,
    bayId: string,
    ttlSeconds: number,
  ): Promise<Pick<CalendarFeedsRow, 'id' | 'expires_at'>> {
    const [row]: Pick<CalendarFeedsRow, 'id' | 'expires_at'>[] = await manager.query(
      `INSERT INTO calendar_feeds (id, user_id, bay_id, expires_at)
       VALUES (field_uuid_v7(), $1, $2, now() + make_interval(secs => $3)) RETURNING id, expires_at`,
      [userId, bayId, ttlSeconds],
    );
    return row;
  }

  /** A person's links, newest first: `limit` of them older than the link `beforeId`. */
  async listOf(userId: string, beforeId: string | null, limit: number): Promise<CalendarFeedLink[]> {
    const rows: CalendarFeedsRow[] = await this.dataSource.query(
      `SELECT * FROM calendar_feeds WHERE user_id = $1 ${beforeId === null ? '' : 'AND id < $3'}
        ORDER BY id DESC LIMIT $2`,
      beforeId === null ? [userId, limit] : [userId, limit, beforeId],
    );
    const now = Date.now();
    return rows.map((row) => presentFeed(row, now));
  }

  /** One of a person's links, locked for a change; null when it is not theirs or does not exist. */
  async lockOwned(manager: EntityManager, id: string, userId: string): Promise<CalendarFeedLink | null> {
    const [row]: CalendarFeedsRow[] = await manager.query(
      'SELECT * FROM calendar_feeds WHERE id = $1 AND user_id = $2 FOR UPDATE',
      [id, userId],
    );
    return row ? presentFeed(row, Date.now()) : null;
  }

  async revoke(manager: EntityManager, id: string): Promise<void> {
    await manager.query('UPDATE calendar_feeds SET revoked_at = now() WHERE id = $1', [id]);
  }

  async revokeAllOf(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      'UPDATE calendar_feeds SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()',
      [userId],
    );
  }

  async isLive(id: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM calendar_feeds
        WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()`,
      [id, userId],
    );
    return rows.length > 0;
  }
}

function presentFeed(row: CalendarFeedsRow, now: number): CalendarFeedLink {
  return {
    id: row.id,
    bayId: row.bay_id,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    active: row.revoked_at === null && row.expires_at.getTime() > now,
  };
}

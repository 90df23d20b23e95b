import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CalendarFeedLink, Page, PageQuery } from '@app/contract';
import { Actor, AuditService, decodeIdCursor, notFound, toPage } from '@app/platform';
import { DataSource } from 'typeorm';
import { AccessTokens } from '../auth/access-tokens';

interface FeedRow {
  id: string;
  bay_id: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface IssuedCalendarFeed {
  id: string;
  token: string;
  expiresAt: Date;
}

/**
 * Calendar links as issued: each is recorded, so that its owner can list and revoke it, and a link
 * works only while its record stands. A password change or deactivation revokes them all
 * (UsersService), and losing the role to read calendars stops them in the guard.
 */
@Injectable()
export class CalendarFeedsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: AccessTokens,
    private readonly audit: AuditService,
  ) {}

  /** A new link to one bay's calendar for the actor; the caller has checked that the bay exists. */
  issue(bayId: string, actor: Actor): Promise<IssuedCalendarFeed> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string; expires_at: Date }[] = await manager.query(
        `INSERT INTO calendar_feeds (id, user_id, bay_id, expires_at)
         VALUES (field_uuid_v7(), $1, $2, now() + make_interval(secs => $3)) RETURNING id, expires_at`,
        [actor.id, bayId, this.tokens.calendarFeedTtlSeconds],
      );
      const { id, expires_at: expiresAt } = rows[0];
      const token = await this.tokens.issueCalendarFeed(actor.id, bayId, id);
      await this.audit.record(
        { action: 'bay.calendar_feed', entity: 'bay', entityId: bayId, details: { feedId: id } },
        manager,
      );
      return { id, token, expiresAt };
    });
  }

  /** The actor's own links, newest first, revoked and expired ones included. */
  async list(query: PageQuery, actor: Actor): Promise<Page<CalendarFeedLink>> {
    const params: unknown[] = [actor.id, query.limit + 1];
    let after = '';
    if (query.cursor) {
      params.push(decodeIdCursor(query.cursor));
      after = 'AND id < $3';
    }
    const rows: FeedRow[] = await this.dataSource.query(
      `SELECT id, bay_id, created_at, expires_at, revoked_at FROM calendar_feeds
        WHERE user_id = $1 ${after} ORDER BY id DESC LIMIT $2`,
      params,
    );
    const now = Date.now();
    return toPage(
      rows,
      query.limit,
      (row) => [row.id],
      (row) => presentFeed(row, now),
    );
  }

  /** Revokes one of the actor's own links; anyone else's is 404, as if it did not exist. */
  async revoke(id: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows: { id: string; bay_id: string; revoked_at: Date | null }[] = await manager.query(
        'SELECT id, bay_id, revoked_at FROM calendar_feeds WHERE id = $1 AND user_id = $2 FOR UPDATE',
        [id, actor.id],
      );
      const feed = rows[0];
      if (!feed) throw notFound('calendar link', id);
      // Revoking twice is the same as once: the link stays revoked since the first time.
      if (feed.revoked_at !== null) return;
      await manager.query('UPDATE calendar_feeds SET revoked_at = now() WHERE id = $1', [id]);
      await this.audit.record(
        { action: 'bay.calendar_feed_revoke', entity: 'bay', entityId: feed.bay_id, details: { feedId: id } },
        manager,
      );
    });
  }

  /** Whether this link of this person is neither revoked nor expired. */
  async isLive(id: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM calendar_feeds
        WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()`,
      [id, userId],
    );
    return rows.length > 0;
  }
}

function presentFeed(row: FeedRow, now: number): CalendarFeedLink {
  return {
    id: row.id,
    bayId: row.bay_id,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    active: row.revoked_at === null && row.expires_at.getTime() > now,
  };
}

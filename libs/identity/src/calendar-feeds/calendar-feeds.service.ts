import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CalendarFeedLink, Page, PageQuery } from '@app/contract';
import { Actor, AuditService, decodeIdCursor, notFound, toPage } from '@app/platform';
import { DataSource } from 'typeorm';
import { AccessTokens } from '../auth/access-tokens';
import { CalendarFeedsRepository } from './calendar-feeds.repository';

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
    private readonly feeds: CalendarFeedsRepository,
    private readonly tokens: AccessTokens,
    private readonly audit: AuditService,
  ) {}

  /** A new link to one bay's calendar for the actor; the caller has checked that the bay exists. */
  issue(bayId: string, actor: Actor): Promise<IssuedCalendarFeed> {
    return this.dataSource.transaction(async (manager) => {
      const { id, expires_at: expiresAt } = await this.feeds.insert(
        manager,
        actor.id,
        bayId,
        this.tokens.calendarFeedTtlSeconds,
      );
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
    const beforeId = query.cursor ? decodeIdCursor(query.cursor) : null;
    const links = await this.feeds.listOf(actor.id, beforeId, query.limit + 1);
    return toPage(
      links,
      query.limit,
      (link) => [link.id],
      (link) => link,
    );
  }

  /** Revokes one of the actor's own links; anyone else's is 404, as if it did not exist. */
  async revoke(id: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const feed = await this.feeds.lockOwned(manager, id, actor.id);
      if (!feed) throw notFound('calendar link', id);
      // Revoking twice is the same as once: the link stays revoked since the first time.
      if (feed.revokedAt !== null) return;
      await this.feeds.revoke(manager, id);
      await this.audit.record(
        { action: 'bay.calendar_feed_revoke', entity: 'bay', entityId: feed.bayId, details: { feedId: id } },
        manager,
      );
    });
  }

  /** Whether this link of this person is neither revoked nor expired. */
  isLive(id: string, userId: string): Promise<boolean> {
    return this.feeds.isLive(id, userId);
  }
}

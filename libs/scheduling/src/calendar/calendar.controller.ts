import { Controller, Get, Header, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CalendarFeed, CalendarQuery, Id } from '@app/contract';
import { BaysService } from '@app/field';
import { RobotsService } from '@app/enrollment';
import { CalendarFeedsService } from '@app/identity';
import { Actor, CurrentActor, FIELD_CONFIG, FieldConfig, RolesOrCalendarFeed, Roles } from '@app/platform';
import type { Response } from 'express';
import { SessionQueriesService } from '../sessions/session-queries.service';
import { buildBayCalendar } from './bay-calendar';

const DAY_MS = 24 * 3600 * 1000;
const MAX_EVENTS = 5000;

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('bays')
export class CalendarController {
  constructor(
    private readonly bays: BaysService,
    private readonly robots: RobotsService,
    private readonly sessions: SessionQueriesService,
    private readonly feeds: CalendarFeedsService,
    @Inject(FIELD_CONFIG) private readonly config: FieldConfig,
  ) {}

  @RolesOrCalendarFeed('admin', 'operator', 'engineer')
  @Get(':id/calendar.ics')
  @Header('Cache-Control', 'no-cache')
  @ApiProduces('text/calendar')
  @ApiOperation({
    summary: 'The bay’s bookings as an RFC 5545 calendar (one VEVENT per non-cancelled session)',
    description:
      'By default the last 90 days and the next 365; `from`/`to` choose another window. Calendar apps, ' +
      'which cannot send a bearer token, use the link from `POST /bays/:id/calendar-feed` (`?feed=`).',
  })
  async calendar(
    @Param('id', { schema: Id }) id: string,
    @Query({ schema: CalendarQuery }) query: CalendarQuery,
    @Res() res: Response,
  ): Promise<void> {
    const bay = await this.bays.get(id);
    const from = query.from ? new Date(query.from) : new Date(Date.now() - 90 * DAY_MS);
    const to = query.to ? new Date(query.to) : new Date(Date.now() + 365 * DAY_MS);
    const sessions = await this.sessions.forBay(id, from, to, MAX_EVENTS);
    const robots = await this.robots.findByIds([...new Set(sessions.flatMap((session) => session.robotIds))]);
    const names = new Map(robots.map((robot) => [robot.id, `${robot.name} (${robot.serialNumber})`]));
    const host = new URL(this.config.publicUrl).hostname;
    res.type('text/calendar; charset=utf-8').setHeader('Content-Disposition', `inline; filename="bay-${bay.code}.ics"`);
    res.send(buildBayCalendar(bay, sessions, names, host));
  }

  @Roles('admin', 'operator', 'engineer')
  @Post(':id/calendar-feed')
  @ApiOperation({
    summary: 'A subscription link to the bay’s calendar, for calendar apps',
    description:
      'The link reads the calendar on the caller’s behalf without a bearer token, for a year; it stops ' +
      'working when the caller revokes it (`DELETE /calendar-feeds/:id`), changes password, is ' +
      'deactivated or loses the role. Issuing one is audited.',
  })
  @ApiCreatedResponse({ standardSchema: CalendarFeed })
  async calendarFeed(@Param('id', { schema: Id }) id: string, @CurrentActor() actor: Actor): Promise<CalendarFeed> {
    const bay = await this.bays.get(id);
    const feed = await this.feeds.issue(bay.id, actor);
    const url = new URL(`${this.config.publicUrl.replace(/\/$/, '')}/api/v1/bays/${bay.id}/calendar.ics`);
    url.searchParams.set('feed', feed.token);
    return {
      id: feed.id,
      url: url.toString(),
      webcalUrl: url.toString().replace(/^https?:/, 'webcal:'),
      expiresAt: feed.expiresAt.toISOString(),
    };
  }
}

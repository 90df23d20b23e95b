import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CalendarFeedLink, Id, pageOf, PageQuery } from '@app/contract';
import { Actor, CurrentActor, Roles } from '@app/platform';
import { CalendarFeedsService } from './calendar-feeds.service';

/** The people who may make calendar links (`POST /bays/:id/calendar-feed`) manage their own. */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller('calendar-feeds')
export class CalendarFeedsController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Roles('admin', 'operator', 'engineer')
  @Get()
  @ApiOperation({
    summary: 'The caller’s own calendar links, newest first',
    description:
      'Revoked and expired links are listed too (`active: false`); the links themselves are shown only once.',
  })
  @ApiOkResponse({ standardSchema: pageOf(CalendarFeedLink) })
  list(@Query({ schema: PageQuery }) query: PageQuery, @CurrentActor() actor: Actor) {
    return this.feeds.list(query, actor);
  }

  @Roles('admin', 'operator', 'engineer')
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke one of the caller’s calendar links',
    description: 'The link answers 401 from then on, as an invalid link does. Revoking twice is harmless. Audited.',
  })
  @ApiNoContentResponse({ description: 'the link is revoked' })
  @ApiNotFoundResponse({ description: 'no such link of the caller (someone else’s links are not found either)' })
  async revoke(@Param('id', { schema: Id }) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.feeds.revoke(id, actor);
  }
}

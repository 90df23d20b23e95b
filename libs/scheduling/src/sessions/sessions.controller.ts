import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  CreateSessionBody,
  Id,
  ListSessionsQuery,
  pageOf,
  SeriesCreated,
  Session,
  SessionActionBody,
  UpdateSessionBody,
} from '@app/contract';
import { Actor, AnyRole, CurrentActor, Idempotent, Roles } from '@app/platform';
import { z } from 'zod';
import { SessionBookingService } from './session-booking.service';
import { SessionLifecycleService } from './session-lifecycle.service';
import { SessionQueriesService } from './session-queries.service';

const CONFLICT =
  'the bay or a robot is already booked for an overlapping time; `conflicts` lists the sessions in the way';
const UNBOOKABLE =
  'over the bay’s capacity, bay in maintenance, a robot not enrolled, endsAt ≤ startsAt, or a drill with fewer than 2 robots';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly booking: SessionBookingService,
    private readonly lifecycle: SessionLifecycleService,
    private readonly queries: SessionQueriesService,
  ) {}

  @Idempotent()
  @Roles('operator', 'admin')
  @Post()
  @ApiOperation({
    summary: 'Book a bay for a session, or a recurring series of them (with `recurrence`)',
    description:
      'Without `recurrence` answers the session. With it (an RRULE read in the field’s time zone) answers ' +
      '`{seriesId, created, skipped}`; a conflicting occurrence fails the whole series (409) unless ' +
      '`skipConflicts` is true, when it is skipped with the reason.',
  })
  @ApiCreatedResponse({ standardSchema: z.union([Session, SeriesCreated]) })
  @ApiConflictResponse({ description: CONFLICT })
  @ApiUnprocessableEntityResponse({ description: UNBOOKABLE })
  create(@Body({ schema: CreateSessionBody }) body: CreateSessionBody, @CurrentActor() actor: Actor) {
    return this.booking.create(body, actor);
  }

  @AnyRole()
  @Get()
  @ApiOperation({ summary: 'Sessions by start time; `from`/`to` select those overlapping the window' })
  @ApiOkResponse({ standardSchema: pageOf(Session) })
  list(@Query({ schema: ListSessionsQuery }) query: ListSessionsQuery, @CurrentActor() actor: Actor) {
    return this.queries.list(query, actor);
  }

  @AnyRole()
  @Get(':id')
  @ApiOkResponse({ standardSchema: Session })
  get(@Param('id', { schema: Id }) id: string, @CurrentActor() actor: Actor) {
    return this.queries.get(id, actor);
  }

  @Roles('operator', 'admin')
  @Patch(':id')
  @ApiOperation({ summary: 'Move a scheduled session (window or bay) under the same rules as booking' })
  @ApiOkResponse({ standardSchema: Session })
  @ApiConflictResponse({ description: `${CONFLICT}; or the session is no longer scheduled` })
  @ApiUnprocessableEntityResponse({ description: UNBOOKABLE })
  reschedule(@Param('id', { schema: Id }) id: string, @Body({ schema: UpdateSessionBody }) body: UpdateSessionBody) {
    return this.lifecycle.reschedule(id, body);
  }

  @Roles('operator', 'admin')
  @Post(':id/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'scheduled → running (at any time; records startedAt)' })
  @ApiOkResponse({ standardSchema: Session })
  @ApiConflictResponse({ description: 'not scheduled, or its bay or a robot is in another running session' })
  start(@Param('id', { schema: Id }) id: string, @Body({ schema: SessionActionBody }) body: SessionActionBody) {
    return this.lifecycle.act(id, 'start', body);
  }

  @Roles('operator', 'admin')
  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'running → completed (records endedAt)' })
  @ApiOkResponse({ standardSchema: Session })
  @ApiConflictResponse({ description: 'the session is not running' })
  complete(@Param('id', { schema: Id }) id: string, @Body({ schema: SessionActionBody }) body: SessionActionBody) {
    return this.lifecycle.act(id, 'complete', body);
  }

  @Roles('operator', 'admin')
  @Post(':id/abort')
  @HttpCode(200)
  @ApiOperation({ summary: 'running → aborted (records endedAt)' })
  @ApiOkResponse({ standardSchema: Session })
  @ApiConflictResponse({ description: 'the session is not running' })
  abort(@Param('id', { schema: Id }) id: string, @Body({ schema: SessionActionBody }) body: SessionActionBody) {
    return this.lifecycle.act(id, 'abort', body);
  }

  @Roles('operator', 'admin')
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'scheduled → cancelled (frees the slot)' })
  @ApiOkResponse({ standardSchema: Session })
  @ApiConflictResponse({ description: 'the session is not scheduled' })
  cancel(@Param('id', { schema: Id }) id: string, @Body({ schema: SessionActionBody }) body: SessionActionBody) {
    return this.lifecycle.act(id, 'cancel', body);
  }
}

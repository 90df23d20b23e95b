import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Id, SessionSummary } from '@app/contract';
import { Actor, AnyRole, CurrentActor } from '@app/platform';
import { SessionSummariesService } from './session-summaries.service';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('sessions')
export class SessionSummariesController {
  constructor(private readonly summaries: SessionSummariesService) {}

  @AnyRole()
  @Get(':id/summary')
  @ApiOperation({
    summary: 'Per-robot metrics of a finished session (a vendor sees only its robots)',
    description:
      'Made by a job shortly after the session completes or aborts. Until it has run the answer is 200 ' +
      'with `status: "pending"` and no robots; then `status: "ready"`. Samples a robot sends after the ' +
      'session ended (a backlog) are summarised again within about a minute, if they arrive within ' +
      'FIELD_LATE_GRACE_S of its end; later ones are stored without the session and change nothing. ' +
      'Graduation metrics read the summaries of completed sessions only.',
  })
  @ApiOkResponse({ standardSchema: SessionSummary })
  @ApiNotFoundResponse({ description: 'no such session, or (for a vendor) none of its robots took part' })
  @ApiConflictResponse({ description: 'the session has not finished (scheduled, running or cancelled)' })
  get(@Param('id', { schema: Id }) id: string, @CurrentActor() actor: Actor) {
    return this.summaries.forSession(id, actor);
  }
}

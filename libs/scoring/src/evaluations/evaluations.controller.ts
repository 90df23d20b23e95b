import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  Evaluation,
  Id,
  ListAllEvaluationsQuery,
  ListEvaluationsQuery,
  pageOf,
  RequestEvaluationBody,
} from '@app/contract';
import { Actor, AnyRole, CurrentActor, Idempotent, Roles } from '@app/platform';
import { EvaluationsService } from './evaluations.service';

@ApiTags('standard')
@ApiBearerAuth()
@Controller()
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Idempotent()
  @Roles('operator', 'admin')
  @Post('robots/:id/evaluations')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask for an admission or graduation evaluation; a scoring job computes it',
    description:
      'Answers at once with the queued evaluation. The criteria set is the active set of the stage for ' +
      '`domain` (default: the robot’s first declared domain), else the active set of the stage for every ' +
      'domain. When the job completes, a passed admission enrols the robot and a failed one rejects it, and ' +
      'watchers of the robot receive `evaluation.completed`. A graduation counts every session of the robot ' +
      'completed before it was asked for: while some of their summaries are still to be made it stays `running` ' +
      'with `awaitingSummaries` set, and fails with the reason if they are not made within FIELD_EVIDENCE_WAIT_S.',
  })
  @ApiAcceptedResponse({ standardSchema: Evaluation })
  @ApiNotFoundResponse({ description: 'no such robot' })
  @ApiConflictResponse({
    description: 'admission of a robot that is not applied or rejected, or graduation of one that is not enrolled',
  })
  @ApiUnprocessableEntityResponse({ description: 'no active criteria set applies' })
  request(
    @Param('id', { schema: Id }) id: string,
    @Body({ schema: RequestEvaluationBody }) body: RequestEvaluationBody,
    @CurrentActor() actor: Actor,
  ) {
    return this.evaluations.request(id, body, actor);
  }

  @AnyRole()
  @Get('robots/:id/evaluations')
  @ApiOperation({ summary: 'The robot’s evaluations, newest first (a vendor sees only its robots)' })
  @ApiOkResponse({ standardSchema: pageOf(Evaluation) })
  @ApiNotFoundResponse({ description: 'no such robot, or (for a vendor) not one of its robots' })
  list(
    @Param('id', { schema: Id }) id: string,
    @Query({ schema: ListEvaluationsQuery }) query: ListEvaluationsQuery,
    @CurrentActor() actor: Actor,
  ) {
    return this.evaluations.listForRobot(id, query, actor);
  }

  @AnyRole()
  @Get('evaluations')
  @ApiOperation({
    summary:
      'Evaluations of every robot, newest first, by stage, status, outcome and robot (a vendor sees only its robots’)',
    description:
      'For instance `?stage=graduation&passed=true`: the passed graduation evaluations, those a report may be issued for.',
  })
  @ApiOkResponse({ standardSchema: pageOf(Evaluation) })
  listAll(@Query({ schema: ListAllEvaluationsQuery }) query: ListAllEvaluationsQuery, @CurrentActor() actor: Actor) {
    return this.evaluations.list(query, actor);
  }

  @AnyRole()
  @Get('evaluations/:id')
  @ApiOperation({ summary: 'An evaluation: its status, and once completed its score, results and evidence' })
  @ApiOkResponse({ standardSchema: Evaluation })
  @ApiNotFoundResponse({ description: 'no such evaluation, or (for a vendor) not of one of its robots' })
  get(@Param('id', { schema: Id }) id: string, @CurrentActor() actor: Actor) {
    return this.evaluations.get(id, actor);
  }
}

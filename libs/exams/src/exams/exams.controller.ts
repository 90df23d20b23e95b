import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CreateExamBody, Exam, ExamQuery, ExamTrial, Id, pageOf, RecordTrialBody } from '@app/contract';
import { Actor, AnyRole, conflict, CurrentActor, Idempotent, Roles } from '@app/platform';
import { ExamsService } from './exams.service';

@ApiTags('exams')
@ApiBearerAuth()
@Controller('exams')
export class ExamsController {
  constructor(private readonly exams: ExamsService) {}

  @Roles('admin', 'operator')
  @Post()
  @ApiOperation({
    summary: 'Open an exam: Wald’s SPRT under a protocol fixed from now on, with a plan drawn from the seed',
  })
  @ApiCreatedResponse({ standardSchema: Exam })
  @ApiUnprocessableEntityResponse({ description: 'the robot is not enrolled, or the task is not in the catalogue' })
  create(@Body({ schema: CreateExamBody }) body: CreateExamBody, @CurrentActor() actor: Actor) {
    return this.exams.create(body, actor);
  }

  @AnyRole()
  @Get()
  @ApiOperation({ summary: 'Exams, newest first (a vendor sees only its robots’)' })
  @ApiOkResponse({ standardSchema: pageOf(Exam) })
  list(@Query({ schema: ExamQuery }) query: ExamQuery, @CurrentActor() actor: Actor) {
    return this.exams.list(query, actor);
  }

  @AnyRole()
  @Get(':id')
  @ApiOperation({
    summary: 'An exam with its plan and trials; `ledgerIntact` says whether the stored trials recompute to the chain',
  })
  @ApiOkResponse({ standardSchema: Exam })
  @ApiNotFoundResponse({ description: 'no such exam, or (for a vendor) not one of its robots’' })
  get(@Param('id', { schema: Id }) id: string, @CurrentActor() actor: Actor) {
    return this.exams.get(id, actor);
  }

  @Roles('admin', 'operator')
  @Patch(':id')
  @ApiOperation({ summary: 'Always refused: an exam’s protocol never changes once it exists' })
  @ApiConflictResponse({ description: 'always' })
  update(@Param('id', { schema: Id }) id: string): never {
    throw conflict(`exam ${id}: the protocol never changes once the exam exists`);
  }

  @Idempotent()
  @Roles('admin', 'operator', 'engineer')
  @Post(':id/trials')
  @ApiOperation({
    summary: 'Record a trial judged by the examiner; the answer carries the decision after it',
    description:
      'Trials are numbered without gaps in the order they commit; each one’s hash chains to the one before. ' +
      'When the trial decides the exam, watchers of the robot receive `exam.decided`.',
  })
  @ApiCreatedResponse({ standardSchema: ExamTrial })
  @ApiNotFoundResponse({ description: 'no such exam' })
  @ApiConflictResponse({ description: 'the exam is decided' })
  @ApiUnprocessableEntityResponse({ description: 'the session does not exist or does not include the robot' })
  recordTrial(
    @Param('id', { schema: Id }) id: string,
    @Body({ schema: RecordTrialBody }) body: RecordTrialBody,
    @CurrentActor() actor: Actor,
  ) {
    return this.exams.recordTrial(id, body, actor);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  CreateCriteriaSetBody,
  CriteriaSet,
  Id,
  ListCriteriaSetsQuery,
  pageOf,
  UpdateCriteriaSetBody,
} from '@app/contract';
import { Actor, AnyRole, CurrentActor, Roles } from '@app/platform';
import { CriteriaSetsService } from './criteria-sets.service';

const PUBLISHED = 'the set is published (active or superseded): a published set never changes';
const ADMISSION_SPECS_ONLY = 'an admission set names a metric other than a declared spec (`spec.<name>`)';

@ApiTags('standard')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'no such criteria set' })
@Controller('criteria-sets')
export class CriteriaSetsController {
  constructor(private readonly sets: CriteriaSetsService) {}

  @Roles('admin')
  @Post()
  @ApiOperation({
    summary: 'Draft a criteria set of the admission–graduation standard',
    description:
      'The draft gets the next version of its (stage, domain) line; `domain: null` makes a set for every ' +
      'domain. Criteria name metrics of `GET /metric-catalog`; their keys are unique within the set.',
  })
  @ApiCreatedResponse({ standardSchema: CriteriaSet })
  @ApiUnprocessableEntityResponse({ description: ADMISSION_SPECS_ONLY })
  create(@Body({ schema: CreateCriteriaSetBody }) body: CreateCriteriaSetBody, @CurrentActor() actor: Actor) {
    return this.sets.create(body, actor);
  }

  @AnyRole()
  @Get()
  @ApiOperation({ summary: 'Criteria sets, newest first' })
  @ApiOkResponse({ standardSchema: pageOf(CriteriaSet) })
  list(@Query({ schema: ListCriteriaSetsQuery }) query: ListCriteriaSetsQuery) {
    return this.sets.list(query);
  }

  @AnyRole()
  @Get(':id')
  @ApiOkResponse({ standardSchema: CriteriaSet })
  get(@Param('id', { schema: Id }) id: string) {
    return this.sets.get(id);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOperation({ summary: 'Change a draft (name, pass score, or its criteria as a whole)' })
  @ApiOkResponse({ standardSchema: CriteriaSet })
  @ApiConflictResponse({ description: PUBLISHED })
  @ApiUnprocessableEntityResponse({ description: ADMISSION_SPECS_ONLY })
  update(
    @Param('id', { schema: Id }) id: string,
    @Body({ schema: UpdateCriteriaSetBody }) body: UpdateCriteriaSetBody,
  ) {
    return this.sets.update(id, body);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft' })
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiConflictResponse({ description: PUBLISHED })
  async remove(@Param('id', { schema: Id }) id: string): Promise<void> {
    await this.sets.remove(id);
  }

  @Roles('admin')
  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish a draft: it becomes the active set of its (stage, domain), superseding the previous one',
    description: 'From then on the set and its criteria never change; evaluations keep the version they used.',
  })
  @ApiOkResponse({ standardSchema: CriteriaSet })
  @ApiConflictResponse({ description: 'the set is already published' })
  publish(@Param('id', { schema: Id }) id: string, @CurrentActor() actor: Actor) {
    return this.sets.publish(id, actor);
  }
}

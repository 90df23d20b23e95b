import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Cohort, CreateCohortBody, Id, PageQuery, pageOf } from '@app/contract';
import { AnyRole, Roles } from '@app/platform';
import { CohortsService } from './cohorts.service';

@ApiTags('field')
@ApiBearerAuth()
@Controller('cohorts')
export class CohortsController {
  constructor(private readonly cohorts: CohortsService) {}

  @Roles('admin', 'operator')
  @Post()
  @ApiCreatedResponse({ standardSchema: Cohort })
  @ApiConflictResponse({ description: 'a cohort with this name exists' })
  create(@Body({ schema: CreateCohortBody }) body: CreateCohortBody) {
    return this.cohorts.create(body);
  }

  @AnyRole()
  @Get()
  @ApiOkResponse({ standardSchema: pageOf(Cohort) })
  list(@Query({ schema: PageQuery }) query: PageQuery) {
    return this.cohorts.list(query);
  }

  @AnyRole()
  @Get(':id')
  @ApiOkResponse({ standardSchema: Cohort })
  get(@Param('id', { schema: Id }) id: string) {
    return this.cohorts.get(id);
  }
}

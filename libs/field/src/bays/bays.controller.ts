import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Bay, CreateBayBody, Id, ListBaysQuery, pageOf, UpdateBayBody } from '@app/contract';
import { AnyRole, Roles } from '@app/platform';
import { BaysService } from './bays.service';

@ApiTags('field')
@ApiBearerAuth()
@Controller('bays')
export class BaysController {
  constructor(private readonly bays: BaysService) {}

  @Roles('admin')
  @Post()
  @ApiCreatedResponse({ standardSchema: Bay })
  @ApiConflictResponse({ description: 'the site already has a bay with this code' })
  create(@Body({ schema: CreateBayBody }) body: CreateBayBody) {
    return this.bays.create(body);
  }

  @AnyRole()
  @Get()
  @ApiOkResponse({ standardSchema: pageOf(Bay) })
  list(@Query({ schema: ListBaysQuery }) query: ListBaysQuery) {
    return this.bays.list(query);
  }

  @AnyRole()
  @Get(':id')
  @ApiOkResponse({ standardSchema: Bay })
  get(@Param('id', { schema: Id }) id: string) {
    return this.bays.get(id);
  }

  /** Operators put a bay into maintenance and back; admins also rename and resize it. */
  @Roles('admin', 'operator')
  @Patch(':id')
  @ApiOkResponse({ standardSchema: Bay })
  update(@Param('id', { schema: Id }) id: string, @Body({ schema: UpdateBayBody }) body: UpdateBayBody) {
    return this.bays.update(id, body);
  }
}

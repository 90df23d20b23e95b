import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Bay, CreateBayBody, Id, ListBaysQuery, pageOf, UpdateBayBody } from '@app/contract';
import { Actor, AnyRole, CurrentActor, forbidden, Roles } from '@app/platform';
import { bayFieldsDeniedTo } from './bay-changes';
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
  @ApiForbiddenResponse({ description: 'an operator named name or capacity, which only an admin may change' })
  update(
    @Param('id', { schema: Id }) id: string,
    @Body({ schema: UpdateBayBody }) body: UpdateBayBody,
    @CurrentActor() actor: Actor,
  ) {
    const denied = bayFieldsDeniedTo(actor.role, body);
    if (denied.length > 0) throw forbidden(`only an admin may change a bay's ${denied.join(' and ')}`);
    return this.bays.update(id, body);
  }
}

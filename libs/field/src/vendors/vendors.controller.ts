import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateVendorBody, Id, PageQuery, pageOf, Vendor } from '@app/contract';
import { Actor, AnyRole, CurrentActor, Roles } from '@app/platform';
import { VendorsService } from './vendors.service';

@ApiTags('field')
@ApiBearerAuth()
@Controller('vendors')
export class VendorsController {
  constructor(private readonly vendors: VendorsService) {}

  @Roles('admin')
  @Post()
  @ApiCreatedResponse({ standardSchema: Vendor })
  @ApiConflictResponse({ description: 'a vendor with this name exists' })
  create(@Body({ schema: CreateVendorBody }) body: CreateVendorBody) {
    return this.vendors.create(body);
  }

  @AnyRole()
  @Get()
  @ApiOkResponse({ standardSchema: pageOf(Vendor), description: 'a vendor user sees only its own vendor' })
  list(@Query({ schema: PageQuery }) query: PageQuery, @CurrentActor() actor: Actor) {
    return this.vendors.list(query, actor);
  }

  @AnyRole()
  @Get(':id')
  @ApiOkResponse({ standardSchema: Vendor })
  get(@Param('id', { schema: Id }) id: string, @CurrentActor() actor: Actor) {
    return this.vendors.get(id, actor);
  }
}

import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateSiteBody, Id, ListSitesQuery, pageOf, Site } from '@app/contract';
import { AnyRole, Roles } from '@app/platform';
import { SitesService } from './sites.service';

@ApiTags('field')
@ApiBearerAuth()
@Controller('sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Roles('admin')
  @Post()
  @ApiCreatedResponse({ standardSchema: Site })
  @ApiConflictResponse({ description: 'the code is taken' })
  create(@Body({ schema: CreateSiteBody }) body: CreateSiteBody) {
    return this.sites.create(body);
  }

  @AnyRole()
  @Get()
  @ApiOkResponse({ standardSchema: pageOf(Site) })
  list(@Query({ schema: ListSitesQuery }) query: ListSitesQuery) {
    return this.sites.list(query);
  }

  @AnyRole()
  @Get(':id')
  @ApiOkResponse({ standardSchema: Site })
  get(@Param('id', { schema: Id }) id: string) {
    return this.sites.get(id);
  }
}

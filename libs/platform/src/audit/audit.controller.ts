import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditEntry, ListAuditQuery, pageOf } from '@app/contract';
import { Roles } from '../access/access.decorators';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Roles('admin')
  @Get()
  @ApiOperation({ summary: 'Who did what: logins, writes, schedule changes, evaluations, reports (newest first)' })
  @ApiOkResponse({ standardSchema: pageOf(AuditEntry) })
  list(@Query({ schema: ListAuditQuery }) query: ListAuditQuery) {
    return this.audit.list(query);
  }
}

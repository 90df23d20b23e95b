import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Id, pageOf, SessionTelemetryQuery, StoredTelemetrySample } from '@app/contract';
import type { Response } from 'express';
import { Actor, AnyRole, CurrentActor } from '@app/platform';
import { SessionTelemetryService } from './session-telemetry.service';

@ApiTags('telemetry')
@ApiBearerAuth()
@Controller('sessions')
export class SessionTelemetryController {
  constructor(private readonly telemetry: SessionTelemetryService) {}

  @AnyRole()
  @Get(':id/telemetry')
  @ApiOperation({ summary: 'The session’s stored samples in time order (a vendor sees only its robots’)' })
  @ApiOkResponse({ standardSchema: pageOf(StoredTelemetrySample) })
  page(
    @Param('id', { schema: Id }) id: string,
    @Query({ schema: SessionTelemetryQuery }) query: SessionTelemetryQuery,
    @CurrentActor() actor: Actor,
  ) {
    return this.telemetry.page(id, query, actor);
  }

  @AnyRole()
  @Get(':id/recording.mcap')
  @ApiProduces('application/octet-stream')
  @ApiOperation({
    summary: 'The session’s recording as an MCAP file (JSON messages; one channel per robot and channel), streamed',
  })
  async recording(@Param('id', { schema: Id }) id: string, @CurrentActor() actor: Actor, @Res() res: Response) {
    await this.telemetry.streamRecording(id, actor, res);
  }
}

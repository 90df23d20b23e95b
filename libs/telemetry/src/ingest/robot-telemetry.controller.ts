import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Id, TelemetryAck, TelemetryAckOk, TelemetryErrorCode } from '@app/contract';
import { CurrentRobotId, DeviceAuth, DomainError, ErrorCode, forbidden } from '@app/platform';
import type { Request } from 'express';
import { IngestService } from './ingest.service';

const STATUS_OF: Record<TelemetryErrorCode, ErrorCode> = {
  invalid_batch: 'validation',
  too_large: 'payload_too_large',
  clock_skew: 'unprocessable',
  unavailable: 'unavailable',
  unauthorized: 'unauthenticated',
};

/** Telemetry over HTTP, for robots without websockets: the socket event's body and acknowledgement. */
@ApiTags('telemetry')
@Controller('robots')
export class RobotTelemetryController {
  constructor(private readonly ingest: IngestService) {}

  @DeviceAuth()
  @Post(':id/telemetry')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Send a telemetry batch with the robot’s device token (Authorization: Bearer <device token>)',
    description:
      'Answers the acknowledgement once the batch is stored. A batch whose seq was already stored answers ' +
      '`duplicate: true` and is not stored again. Refusals are problem documents that also carry `ok: false` ' +
      'and `error: {code, message}`: 400 invalid_batch, 413 too_large, 422 clock_skew, 503 unavailable (resend).',
  })
  @ApiBody({ schema: { type: 'object', description: 'a telemetry batch {seq, samples: [{ts, channel, data}]}' } })
  @ApiOkResponse({ standardSchema: TelemetryAckOk })
  async receive(
    @Param('id', { schema: Id }) id: string,
    @CurrentRobotId() robotId: string,
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<TelemetryAck> {
    if (id !== robotId) throw forbidden('a device token sends telemetry for its own robot only');
    const length = Number(req.headers['content-length']);
    const ack = await this.ingest.receive(robotId, body, {
      byteLength: Number.isFinite(length) ? length : null,
      json: null,
    });
    if (!ack.ok) {
      const headers: Record<string, string> = ack.error.code === 'unavailable' ? { 'Retry-After': '2' } : {};
      throw new DomainError(STATUS_OF[ack.error.code], ack.error.message, { ok: false, error: ack.error }, headers);
    }
    return ack;
  }
}

import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { ROBOT_NAMESPACE, TELEMETRY_EVENT, TelemetryAck, UNAUTHORIZED_CONNECT_ERROR } from '@app/contract';
import { DeviceTokensService } from '@app/enrollment';
import { takeReceivedJson } from '@app/platform';
import type { Namespace, Socket } from 'socket.io';
import { IngestService } from './ingest.service';

interface RobotSocketState {
  robotId: string;
}

/**
 * `/robot`: robots stream telemetry. The device token is checked once, in the namespace middleware;
 * the robot id comes from it, never from the payload. Each batch is acknowledged only once stored.
 */
@WebSocketGateway({ namespace: ROBOT_NAMESPACE })
export class RobotGateway implements OnGatewayInit<Namespace>, OnGatewayConnection<Socket> {
  private readonly logger = new Logger(RobotGateway.name);

  constructor(
    private readonly devices: DeviceTokensService,
    private readonly ingest: IngestService,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (typeof token !== 'string') return next(new Error(UNAUTHORIZED_CONNECT_ERROR));
      this.devices.robotIdForToken(token).then(
        (robotId) => {
          if (!robotId) return next(new Error(UNAUTHORIZED_CONNECT_ERROR));
          socket.data = { robotId } satisfies RobotSocketState;
          next();
        },
        (error: unknown) => {
          this.logger.warn({ err: error }, 'could not check a device token');
          next(new Error(UNAUTHORIZED_CONNECT_ERROR));
        },
      );
    });
  }

  handleConnection(socket: Socket): void {
    const { robotId } = socket.data as RobotSocketState;
    socket.on(TELEMETRY_EVENT, (batch: unknown, ack?: (answer: TelemetryAck) => void) => {
      // The text the batch was parsed from (kept by the field's socket.io parser): its size, as the
      // contract limits it, and its samples as written, for watchers. Batches sent with more
      // arguments or binary attachments have no such text and are measured as written anew.
      const json = typeof batch === 'object' && batch !== null ? (takeReceivedJson(batch) ?? null) : null;
      const received = { byteLength: Buffer.byteLength(json ?? JSON.stringify(batch) ?? ''), json };
      void this.ingest
        .receive(robotId, batch, received)
        .catch((error: unknown): TelemetryAck => {
          this.logger.error({ err: error, robotId }, 'a telemetry batch could not be taken');
          return {
            ok: false,
            error: { code: 'unavailable', message: 'the field could not take the batch; resend it' },
          };
        })
        .then((answer) => {
          if (typeof ack === 'function') ack(answer);
        });
    });
  }
}

import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { ROBOT_NAMESPACE, TELEMETRY_EVENT, TelemetryAck, UNAUTHORIZED_CONNECT_ERROR } from '@app/contract';
import { DeviceTokensService } from '@app/enrollment';
import type { Namespace, Socket } from 'socket.io';
import { IngestService } from './ingest.service';

interface RobotSocketState {
  robotId: string;
  /** Bytes of the last message received, to hold batches to the contract's size limit. */
  lastMessageBytes: number | null;
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
          socket.data = { robotId, lastMessageBytes: null } satisfies RobotSocketState;
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
    const state = socket.data as RobotSocketState;
    // engine.io announces each raw packet before socket.io decodes it into the event below.
    socket.conn.on('packet', (packet: { type: string; data?: unknown }) => {
      if (packet.type === 'message' && typeof packet.data === 'string') {
        state.lastMessageBytes = Buffer.byteLength(packet.data);
      }
    });
    socket.on(TELEMETRY_EVENT, (batch: unknown, ack?: (answer: TelemetryAck) => void) => {
      const bytes = state.lastMessageBytes;
      state.lastMessageBytes = null;
      void this.ingest.receive(state.robotId, batch, bytes).then((answer) => {
        if (typeof ack === 'function') ack(answer);
      });
    });
  }
}

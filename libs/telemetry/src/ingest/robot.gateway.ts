import { Inject, Logger, OnApplicationShutdown } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import {
  ROBOT_NAMESPACE,
  TELEMETRY_EVENT,
  TelemetryAck,
  UNAUTHORIZED_CONNECT_ERROR,
  UNAVAILABLE_CONNECT_ERROR,
} from '@app/contract';
import { DeviceTokensService, ROBOT_LINK_REVOKED } from '@app/enrollment';
import { EventBus } from '@app/platform';
import type { Namespace, Socket } from 'socket.io';
import { RAW_JSON_CHANNEL, RawJsonChannel } from '../raw-json-channel';
import { IngestService } from './ingest.service';

interface RobotSocketState {
  robotId: string;
  token: string;
}

/** The room of a robot's own connection (not a watch target: see the watch hub's roomOf). */
export const robotLinkRoomOf = (robotId: string) => `robot-link:${robotId}`;
/**
 * How often every robot connection's token is checked again, should a revocation notice have been
 * lost (the event bus delivers at most once): one query per process for all its robots.
 */
const RECHECK_INTERVAL_MS = 15_000;

/**
 * `/robot`: robots stream telemetry. The device token is checked in the namespace middleware; the
 * robot id comes from it, never from the payload. The connection lasts only as long as the token
 * works: replacing the token or withdrawing the robot closes it (ROBOT_LINK_REVOKED on the event
 * bus, with a periodic check behind it). Each batch is acknowledged only once stored.
 */
@WebSocketGateway({ namespace: ROBOT_NAMESPACE })
export class RobotGateway implements OnGatewayInit<Namespace>, OnGatewayConnection<Socket>, OnApplicationShutdown {
  private readonly logger = new Logger(RobotGateway.name);
  private namespace: Namespace | null = null;
  private recheckTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly devices: DeviceTokensService,
    private readonly ingest: IngestService,
    private readonly events: EventBus,
    @Inject(RAW_JSON_CHANNEL) private readonly rawJson: RawJsonChannel,
  ) {}

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (typeof token !== 'string') return next(new Error(UNAUTHORIZED_CONNECT_ERROR));
      this.devices.robotIdForToken(token).then(
        (robotId) => {
          if (!robotId) return next(new Error(UNAUTHORIZED_CONNECT_ERROR));
          socket.data = { robotId, token } satisfies RobotSocketState;
          next();
        },
        (error: unknown) => {
          // Not a refusal: the robot keeps retrying until the database answers again.
          this.logger.warn({ err: error }, 'could not check a device token');
          next(new Error(UNAVAILABLE_CONNECT_ERROR));
        },
      );
    });
    this.events.on<{ robotId: string }>(ROBOT_LINK_REVOKED, (event) => {
      const ids = namespace.adapter.rooms.get(robotLinkRoomOf(event.payload.robotId));
      return this.recheck([...(ids ?? [])].flatMap((id) => namespace.sockets.get(id) ?? []));
    });
    this.recheckTimer = setInterval(() => {
      this.recheck([...namespace.sockets.values()]).catch((error: unknown) =>
        this.logger.warn({ err: error }, 'could not re-check robot connections'),
      );
    }, RECHECK_INTERVAL_MS);
    this.recheckTimer.unref();
  }

  onApplicationShutdown(): void {
    if (this.recheckTimer) clearInterval(this.recheckTimer);
  }

  /** Closes the connections whose device token no longer works; on a database error they stay until a later check. */
  private async recheck(sockets: Socket[]): Promise<void> {
    const live = sockets.filter((socket) => socket.connected && (socket.data as RobotSocketState | undefined)?.token);
    if (live.length === 0) return;
    let valid: Set<string>;
    try {
      valid = await this.devices.stillValid([
        ...new Set(live.map((socket) => (socket.data as RobotSocketState).token)),
      ]);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not re-check device tokens');
      return;
    }
    for (const socket of live) {
      const state = socket.data as RobotSocketState;
      if (valid.has(state.token)) continue;
      this.logger.log({ robotId: state.robotId }, 'closing a robot connection whose device token was revoked');
      socket.disconnect(true);
    }
  }

  handleConnection(socket: Socket): void {
    const { robotId } = socket.data as RobotSocketState;
    Promise.resolve(socket.join(robotLinkRoomOf(robotId))).catch((error: unknown) =>
      this.logger.warn({ err: error, robotId }, 'could not join the robot link room'),
    );
    socket.on(TELEMETRY_EVENT, (batch: unknown, ack?: (answer: TelemetryAck) => void) => {
      // The text the batch was parsed from (kept by the field's socket.io parser): its size, as the
      // contract limits it, and its samples as written, for watchers. Batches sent with more
      // arguments or binary attachments have no such text and are measured as written anew.
      const json = typeof batch === 'object' && batch !== null ? (this.rawJson.takeReceivedJson(batch) ?? null) : null;
      const received = { byteLength: Buffer.byteLength(json ?? JSON.stringify(batch) ?? ''), json };
      this.ingest
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
        })
        .catch((error: unknown) => this.logger.warn({ err: error, robotId }, 'could not acknowledge a batch'));
    });
  }
}

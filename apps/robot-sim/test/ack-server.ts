import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ROBOT_NAMESPACE,
  type RobotClientToServerEvents,
  type RobotServerToClientEvents,
  TELEMETRY_EVENT,
  type TelemetryAck,
  TelemetryBatch,
  UNAUTHORIZED_CONNECT_ERROR,
} from '@app/contract';
import { Server } from 'socket.io';

/** What the server does with one arriving batch, beyond the normal protocol. */
export type Twist =
  | { kind: 'normal' }
  /** Answer an error instead of storing. */
  | { kind: 'refuse'; code: 'invalid_batch' | 'unavailable' }
  /** Store the batch, then drop the connection before acknowledging: the ack is lost. */
  | { kind: 'store-then-disconnect' };

/**
 * A real socket.io peer speaking the `/robot` acknowledgement protocol of CONTRACT.md, for
 * testing the simulator's delivery: it stores seqs per device token (surviving restarts, like a
 * database), answers a seen seq as a duplicate, and can be stopped and started on its port.
 */
export class AckServer {
  /** Stored samples by token, then by seq. */
  readonly stored = new Map<string, Map<number, number>>();
  /** Every arrival (including duplicates and refused ones), in order. */
  readonly arrivals: { token: string; seq: number }[] = [];
  private http: HttpServer | null = null;
  private io: Server<RobotClientToServerEvents, RobotServerToClientEvents> | null = null;

  private constructor(
    private port: number,
    private readonly tokens: ReadonlySet<string>,
    private readonly twist: (token: string, seq: number, arrival: number) => Twist,
  ) {}

  static async start(options: {
    tokens: string[];
    port?: number;
    twist?: (token: string, seq: number, arrival: number) => Twist;
  }): Promise<AckServer> {
    const server = new AckServer(
      options.port ?? 0,
      new Set(options.tokens),
      options.twist ?? (() => ({ kind: 'normal' })),
    );
    await server.listen();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.io !== null;
  }

  seqsOf(token: string): number[] {
    return [...(this.stored.get(token)?.keys() ?? [])].sort((a, b) => a - b);
  }

  storedSamples(): number {
    let total = 0;
    for (const batches of this.stored.values()) for (const samples of batches.values()) total += samples;
    return total;
  }

  async listen(): Promise<void> {
    const http = createServer();
    const io = new Server<RobotClientToServerEvents, RobotServerToClientEvents>(http, { transports: ['websocket'] });
    const robots = io.of(ROBOT_NAMESPACE);
    robots.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      next(typeof token === 'string' && this.tokens.has(token) ? undefined : new Error(UNAUTHORIZED_CONNECT_ERROR));
    });
    robots.on('connection', (socket) => {
      const token = (socket.handshake.auth as { token: string }).token;
      socket.on(TELEMETRY_EVENT, (payload, ack) => {
        if (typeof ack === 'function') ack(this.receive(token, payload, () => socket.disconnect(true)));
      });
    });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (http.address() as AddressInfo).port;
    this.http = http;
    this.io = io;
  }

  async stop(): Promise<void> {
    const { io, http } = this;
    this.io = null;
    this.http = null;
    if (!io || !http) return;
    http.closeAllConnections();
    await io.close();
  }

  private receive(token: string, payload: unknown, disconnect: () => void): TelemetryAck {
    const parsed = TelemetryBatch.safeParse(payload);
    if (!parsed.success) return { ok: false, error: { code: 'invalid_batch', message: parsed.error.message } };
    const { seq, samples } = parsed.data;
    this.arrivals.push({ token, seq });
    const twist = this.twist(
      token,
      seq,
      this.arrivals.filter((arrival) => arrival.seq === seq && arrival.token === token).length,
    );
    if (twist.kind === 'refuse') return { ok: false, error: { code: twist.code, message: `test refuses ${seq}` } };
    const batches = this.stored.get(token) ?? new Map<number, number>();
    this.stored.set(token, batches);
    if (batches.has(seq)) return { ok: true, seq, stored: 0, duplicate: true };
    batches.set(seq, samples.length);
    if (twist.kind === 'store-then-disconnect') disconnect();
    return { ok: true, seq, stored: samples.length, duplicate: false };
  }
}

import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { MAX_BATCH_BYTES } from '@app/contract';
import Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import type { FieldConfig } from '../config/field-config';
import { fieldParser, sendAsJson, takeReceivedJson } from './field-parser';

/**
 * socket.io for the field: websocket transport only (robots and browsers alike, so no sticky
 * sessions are needed behind a load balancer), a message limit just above a telemetry batch's, a
 * parser that keeps what robots wrote (socket.io's wire format, see field-parser.ts), and
 * the Redis Streams adapter, which links the socket servers of every process and, unlike the
 * pub/sub adapter, resumes without losing packets after a Redis restart.
 */
export class FieldIoAdapter extends IoAdapter {
  /** The JSON text the parser keeps beside the arguments it decodes and writes, for telemetry's RawJsonChannel. */
  static readonly rawJson = { takeReceivedJson, sendAsJson };

  private readonly clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: FieldConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      transports: ['websocket'],
      serveClient: false,
      parser: fieldParser,
      // Batches of 256 KiB to 320 KiB are answered "too_large" by ingest; beyond that the transport closes.
      maxHttpBufferSize: MAX_BATCH_BYTES + 64 * 1024,
      pingInterval: 10_000,
      pingTimeout: 10_000,
    } as ServerOptions);
    const client = new Redis(this.config.redisUrl, { connectionName: `field-${this.config.role}-socket.io` });
    this.clients.push(client);
    // The adapter duplicates the client for its blocking XREAD and its subscriptions; keep hold of the
    // copies so shutdown can close them at once instead of after the XREAD's timeout.
    const duplicate = client.duplicate.bind(client);
    client.duplicate = (...args: Parameters<Redis['duplicate']>) => {
      const copy = duplicate(...args);
      this.clients.push(copy);
      return copy;
    };
    server.adapter(
      createAdapter(client, {
        streamName: `${this.config.queuePrefix}:socket.io`,
        channelPrefix: `${this.config.queuePrefix}:socket.io`,
        sessionKeyPrefix: `${this.config.queuePrefix}:socket.io:session:`,
        // Telemetry crosses processes here; a short stream keeps Redis memory small.
        maxLen: 2_000,
        onlyPlaintext: true,
      }),
    );
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    // One connection sits in a blocking XREAD; QUIT would wait for it to time out.
    for (const client of this.clients.splice(0)) client.disconnect();
  }
}

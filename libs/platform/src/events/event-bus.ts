import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { FIELD_CONFIG } from '../config/config.module';
import type { FieldConfig } from '../config/field-config';
import { createRedisClient, REDIS, RedisKeys } from '../redis/redis.module';

/** What happened, for whoever cares in any process: `session.updated`, `evaluation.completed`, … */
export interface FieldEvent<T = unknown> {
  type: string;
  payload: T;
  /** Epoch ms when it was published. */
  at: number;
}

type Handler = (event: FieldEvent) => void | Promise<void>;

/**
 * The internal event bus: Redis pub/sub on one channel per install, so an event published by any
 * process (an API call, a job in a worker) reaches the handlers of every process, including its own.
 * Delivery is at most once: consumers that keep state (such as the view of running sessions)
 * reload it from the database when the bus (re)connects.
 */
@Injectable()
export class EventBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EventBus.name);
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly reconnectHandlers = new Set<() => void | Promise<void>>();
  private subscriber: Redis | null = null;
  private readonly channel: string;

  constructor(
    @Inject(FIELD_CONFIG) private readonly config: FieldConfig,
    keys: RedisKeys,
    @Inject(REDIS) private readonly publisher: Redis,
  ) {
    this.channel = keys.key('events');
  }

  async onModuleInit(): Promise<void> {
    const subscriber = createRedisClient(this.config.redisUrl, `field-${this.config.role}-events`);
    this.subscriber = subscriber;
    subscriber.on('message', (_channel: string, message: string) => this.dispatch(message));
    subscriber.on('ready', () => {
      for (const handler of this.reconnectHandlers) void this.safely(() => handler());
    });
    await subscriber.subscribe(this.channel);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  on<T>(type: string, handler: (event: FieldEvent<T>) => void | Promise<void>): () => void {
    const set = this.handlers.get(type) ?? new Set<Handler>();
    set.add(handler as Handler);
    this.handlers.set(type, set);
    return () => set.delete(handler as Handler);
  }

  /** Called whenever the subscription is (re)established, when events may have been missed. */
  onReconnect(handler: () => void | Promise<void>): void {
    this.reconnectHandlers.add(handler);
  }

  async publish<T>(type: string, payload: T): Promise<void> {
    const event: FieldEvent<T> = { type, payload, at: Date.now() };
    try {
      await this.publisher.publish(this.channel, JSON.stringify(event));
    } catch (error) {
      // The change itself is committed; a lost notification must not fail the request.
      this.logger.warn({ err: error, type }, 'could not publish an event');
    }
  }

  private dispatch(message: string): void {
    let event: FieldEvent;
    try {
      event = JSON.parse(message) as FieldEvent;
    } catch {
      return;
    }
    for (const handler of this.handlers.get(event.type) ?? []) void this.safely(() => handler(event));
  }

  private async safely(run: () => void | Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.logger.error({ err: error }, 'an event handler failed');
    }
  }
}

import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { FIELD_CONFIG } from '../config/config.module';
import type { FieldConfig } from '../config/field-config';

export const REDIS = Symbol('REDIS');
const logger = new Logger('Redis');

/** Every Redis key and channel of this install starts with FIELD_QUEUE_PREFIX, so installs and test runs never mix. */
@Injectable()
export class RedisKeys {
  constructor(@Inject(FIELD_CONFIG) private readonly config: FieldConfig) {}

  get prefix(): string {
    return this.config.queuePrefix;
  }

  key(...parts: string[]): string {
    return [this.config.queuePrefix, ...parts].join(':');
  }
}

export function createRedisClient(url: string, name: string): Redis {
  const client = new Redis(url, {
    connectionName: name,
    // Fail a command after 2 s instead of queueing it forever while Redis is away.
    commandTimeout: 2_000,
    maxRetriesPerRequest: 2,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Without a listener ioredis writes every failed reconnect to stderr; once in a while is enough.
  let lastLogged = 0;
  client.on('error', (error: Error) => {
    if (Date.now() - lastLogged < 10_000) return;
    lastLogged = Date.now();
    logger.warn({ err: error, connection: name }, 'Redis cannot be reached; reconnecting');
  });
  return client;
}

@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [FIELD_CONFIG],
      useFactory: (config: FieldConfig) => createRedisClient(config.redisUrl, `field-${config.role}`),
    },
    RedisKeys,
    RedisLifecycle,
  ],
  exports: [REDIS, RedisKeys],
})
export class RedisModule {}

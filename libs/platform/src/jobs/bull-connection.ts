import type { ConnectionOptions } from 'bullmq';
import type { FieldConfig } from '../config/field-config';

/** BullMQ's blocking worker connections must retry forever instead of failing a command. */
export function bullConnection(config: FieldConfig): ConnectionOptions {
  return { url: config.redisUrl, maxRetriesPerRequest: null };
}

/**
 * Producers (queues) fail a command at once while Redis is away instead of queueing it in memory
 * until it returns: a request that enqueues answers 503 in bounded time, and nothing piles up.
 */
export function producerConnection(config: FieldConfig): ConnectionOptions {
  return { url: config.redisUrl, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 5_000 };
}

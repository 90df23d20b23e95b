import type { ConnectionOptions } from 'bullmq';
import type { FieldConfig } from '../config/field-config';

/**
 * Reconnect as often as the field's other Redis clients do: BullMQ's own backoff grows to 20 s, so
 * after an outage workers took that long to take jobs again (and a shutdown waited for them), and
 * producers went on answering 503.
 */
const reconnectSoon = (attempt: number) => Math.min(attempt * 200, 2_000);

/** BullMQ's blocking worker connections must retry forever instead of failing a command. */
export function bullConnection(config: FieldConfig): ConnectionOptions {
  return { url: config.redisUrl, maxRetriesPerRequest: null, retryStrategy: reconnectSoon };
}

/**
 * Producers (queues) fail a command at once while Redis is away instead of queueing it in memory
 * until it returns: a request that enqueues answers 503 in bounded time, and nothing piles up.
 */
export function producerConnection(config: FieldConfig): ConnectionOptions {
  return {
    url: config.redisUrl,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 5_000,
    retryStrategy: reconnectSoon,
  };
}

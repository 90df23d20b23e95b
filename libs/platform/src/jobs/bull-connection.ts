import type { ConnectionOptions } from 'bullmq';
import type { FieldConfig } from '../config/field-config';

/** BullMQ's blocking worker connections must retry forever instead of failing a command. */
export function bullConnection(config: FieldConfig): ConnectionOptions {
  return { url: config.redisUrl, maxRetriesPerRequest: null };
}

import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

/**
 * A sliding-window log in Redis: forget entries older than the window; when the log is full, refuse
 * and say when its oldest entry ages out; otherwise log this request. Refused requests are not logged,
 * so a client that keeps knocking is let in again once the window has passed.
 */
const TAKE = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
  return tonumber(oldest[2]) + window - now
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return 0
`;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class SlidingWindowLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request under `key` (a full Redis key, prefixed by the caller through RedisKeys). */
  async take(key: string): Promise<RateDecision> {
    const waitMs = Number(await this.redis.eval(TAKE, 1, key, Date.now(), this.windowMs, this.limit, randomUUID()));
    if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    return { allowed: true };
  }
}

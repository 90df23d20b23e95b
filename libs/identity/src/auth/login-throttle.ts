import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { clientAddressKey, DomainError, REDIS, RedisKeys } from '@app/platform';
import Redis from 'ioredis';

/** The contract's limits: 5 failures for one account, or 50 from one address, within 15 minutes. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_FAILURE_LIMIT = 5;
export const ADDRESS_FAILURE_LIMIT = 50;

/**
 * Atomically: forget attempts older than the window; refuse when either log is full, saying when
 * the oldest blocking entry ages out; otherwise log this attempt in both (as a failure until the
 * login succeeds and takes it back). Logging before the password check means concurrent guesses
 * cannot slip past the limit together.
 */
const BEGIN_ATTEMPT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limits = { tonumber(ARGV[3]), tonumber(ARGV[4]) }
local retry = 0
for i = 1, 2 do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local count = redis.call('ZCARD', KEYS[i])
  if count >= limits[i] then
    local blocking = redis.call('ZRANGE', KEYS[i], count - limits[i], count - limits[i], 'WITHSCORES')
    local wait = tonumber(blocking[2]) + window - now
    if wait > retry then retry = wait end
  end
end
if retry > 0 then return retry end
for i = 1, 2 do
  redis.call('ZADD', KEYS[i], now, ARGV[5])
  redis.call('PEXPIRE', KEYS[i], window)
end
return 0
`;

export type AttemptDecision = { allowed: true; attemptId: string } | { allowed: false; retryAfterSeconds: number };

/**
 * Without Redis the limits cannot be kept, and signing in unthrottled would open the door to
 * guessing: the sign-in answers 503 until Redis is back.
 */
const throttleUnavailable = () =>
  new DomainError(
    'unavailable',
    'signing in is unavailable for a moment; try again shortly',
    {},
    { 'Retry-After': '5' },
  );

@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger('LoginThrottle');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async begin(email: string, address: string): Promise<AttemptDecision> {
    const attemptId = randomUUID();
    const waitMs = Number(
      await this.redis
        .eval(
          BEGIN_ATTEMPT,
          2,
          this.accountKey(email),
          this.addressKey(address),
          Date.now(),
          LOGIN_WINDOW_MS,
          ACCOUNT_FAILURE_LIMIT,
          ADDRESS_FAILURE_LIMIT,
          attemptId,
        )
        .catch((error: unknown) => {
          this.logger.warn({ err: error }, 'the sign-in throttle cannot reach Redis');
          throw throttleUnavailable();
        }),
    );
    if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    return { allowed: true, attemptId };
  }

  /** A successful login is not a failure: take its attempt back out of both logs. */
  async succeeded(email: string, address: string, attemptId: string): Promise<void> {
    // The password was right: losing Redis now only leaves one failure too many in the log, which
    // ages out with the window, so the sign-in still succeeds.
    await this.redis
      .multi()
      .zrem(this.accountKey(email), attemptId)
      .zrem(this.addressKey(address), attemptId)
      .exec()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not take back a successful sign-in attempt'));
  }

  private accountKey(email: string): string {
    return this.keys.key('login', 'account', createHash('sha256').update(email).digest('hex').slice(0, 32));
  }

  /** IPv6 addresses count by their /64 (one subscriber's block), IPv4-mapped ones as IPv4. */
  private addressKey(address: string): string {
    return this.keys.key('login', 'address', clientAddressKey(address));
  }
}

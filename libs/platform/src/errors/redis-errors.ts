import { DomainError } from './domain-error';

const REDIS_AWAY = [
  /^Reached the max retries per request limit/,
  /^Command timed out$/,
  /^Stream isn't writeable and enableOfflineQueue options is false$/,
  /^Connection is closed\.?$/,
];

/** ioredis gave up on a command because Redis is away: 503 with Retry-After, not a 500. */
export function translateRedisError(error: unknown): DomainError | null {
  if (!(error instanceof Error) || !REDIS_AWAY.some((pattern) => pattern.test(error.message))) return null;
  return new DomainError(
    'unavailable',
    'a service the field needs is unavailable; try again shortly',
    {},
    {
      'Retry-After': '5',
    },
  );
}

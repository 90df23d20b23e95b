import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { clientAddressKey, REDIS, RedisKeys, SlidingWindowLimiter } from '@app/platform';
import type Redis from 'ioredis';
import { sendProblem } from './fallback';

/** CONTRACT.md, Graduation reports: verification answers at most 60 requests a minute from one address. */
export const VERIFY_LIMIT = 60;
export const VERIFY_WINDOW_MS = 60_000;

/** Both spellings of verification (the API and the page behind the QR code) share one budget per address. */
export const VERIFY_PATHS = ['/verify', '/api/v1/verify'];

/**
 * Verification is public but not a catalogue: report numbers are sequential, so without a limit
 * anyone could walk them all. Counted in Redis so every API process of an install shares the budget.
 * Without Redis the limit cannot be kept, so verification answers 503 rather than run unlimited.
 */
export function limitVerification(app: NestExpressApplication, warn: (error: unknown) => void): void {
  const keys = app.get(RedisKeys);
  const limiter = new SlidingWindowLimiter(app.get<Redis>(REDIS), VERIFY_LIMIT, VERIFY_WINDOW_MS);
  app.use(VERIFY_PATHS, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    limiter
      .take(keys.key('verify', clientAddressKey(req.ip ?? 'unknown')))
      .then((decision) => {
        if (decision.allowed) return next();
        res.setHeader('Retry-After', String(decision.retryAfterSeconds));
        sendProblem(res, 429, `at most ${VERIFY_LIMIT} verifications a minute from one address; see Retry-After`);
      })
      .catch((error: unknown) => {
        warn(error);
        res.setHeader('Retry-After', '5');
        sendProblem(res, 503, 'verification is unavailable for a moment; try again shortly');
      });
  });
}

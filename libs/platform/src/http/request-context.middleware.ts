import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RequestContext } from './request-context';
import { requestIdOf } from './request-id';

/**
 * Registered through the middleware consumer so it runs after the body parser: behind the parser's
 * stream callbacks the async context of an earlier middleware would be lost.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: Request & { id?: unknown }, res: Response, next: NextFunction): void {
    RequestContext.run({ requestId: requestIdOf(req, res), ip: req.ip ?? null, actor: null }, next);
  }
}

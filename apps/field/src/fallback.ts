import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

const CODES: Record<number, string> = {
  404: 'not-found',
  429: 'too-many-requests',
  500: 'internal',
  503: 'unavailable',
};

/** A problem document written straight to Express, for the handlers that run outside Nest. */
export function sendProblem(res: Response, status: number, detail: string): void {
  const code = CODES[status] ?? 'validation';
  res
    .status(status)
    .type('application/problem+json')
    .send(
      JSON.stringify({ type: `urn:field:problem:${code}`, title: STATUS_CODES[status] ?? 'Error', status, detail }),
    );
}

/**
 * The last handlers of the Express stack, for requests outside /api/v1 that nothing answered (Nest's
 * own not-found handler covers only its prefix) and for errors raised by plain Express middleware:
 * both speak problem+json instead of Express's HTML page, and never echo a stack.
 */
export function answerUnrouted(app: NestExpressApplication, logError: (error: unknown, req: Request) => void): void {
  app.use((req: Request, res: Response) => sendProblem(res, 404, `there is no route ${req.method} ${req.path}`));
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendProblem(res, status, status === 404 ? `there is no route ${req.method} ${req.path}` : 'bad request');
    }
    logError(error, req);
    sendProblem(res, 500, 'the field failed unexpectedly');
  });
}

/**
 * Requests Node's HTTP parser refuses before Express sees them (headers over 16 KiB, a malformed
 * request line) would get Node's bare 400/431: they too get a problem document and the headers
 * every answer carries.
 */
export function answerMalformedRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify({
      type: 'urn:field:problem:validation',
      title: STATUS_CODES[status],
      status,
      detail: status === 431 ? 'the request line or headers are too large' : 'the request is not valid HTTP',
    });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n' +
        body,
    );
  });
}

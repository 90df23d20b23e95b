import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { DomainError, ERROR_STATUS, ErrorCode } from './domain-error';
import { redactUrl } from '../logging/redact';
import { translateDatabaseError } from './pg-errors';
import { translateRedisError } from './redis-errors';

const PROBLEM_TYPE = (code: ErrorCode) => `urn:field:problem:${code.replace(/_/g, '-')}`;
const CODE_BY_STATUS = new Map<number, ErrorCode>(
  Object.entries(ERROR_STATUS).map(([code, status]) => [status, code as ErrorCode]),
);

/**
 * The one place where failures become HTTP answers: every error is an RFC 9457 problem document
 * (`application/problem+json`). Unexpected failures answer 500 with a correlation id and are logged
 * with their stack; everything a client caused answers 4xx.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request & { id?: unknown }>();
    const problem = this.toProblem(exception, request);
    if (response.headersSent) {
      response.end();
      return;
    }
    for (const [name, value] of Object.entries(problem.headers)) response.setHeader(name, value);
    response.status(problem.body.status).type('application/problem+json').send(JSON.stringify(problem.body));
  }

  private toProblem(exception: unknown, request: Request & { id?: unknown }) {
    const domain = this.toDomainError(exception);
    if (domain) {
      const status = ERROR_STATUS[domain.code];
      return {
        headers: domain.headers,
        body: {
          type: PROBLEM_TYPE(domain.code),
          title: STATUS_CODES[status] ?? 'Error',
          status,
          detail: domain.detail,
          ...domain.extensions,
        },
      };
    }
    const correlationId = request.id === undefined ? undefined : String(request.id);
    this.logger.error(
      { err: exception, correlationId, method: request.method, url: redactUrl(request.originalUrl) },
      'unexpected failure while answering a request',
    );
    return {
      headers: {},
      body: {
        type: PROBLEM_TYPE('internal'),
        title: STATUS_CODES[500] as string,
        status: 500,
        detail: 'the field failed unexpectedly; quote the correlation id when you report it',
        correlationId,
      },
    };
  }

  private toDomainError(exception: unknown): DomainError | null {
    if (exception instanceof DomainError) return exception;
    if (exception instanceof HttpException) return fromHttpException(exception);
    const bodyParser = fromBodyParserError(exception);
    if (bodyParser) return bodyParser;
    return translateDatabaseError(exception) ?? translateRedisError(exception);
  }
}

function fromHttpException(exception: HttpException): DomainError | null {
  const status = exception.getStatus();
  if (status >= 500) return null;
  const code = CODE_BY_STATUS.get(status) ?? (status === 405 ? 'not_found' : 'validation');
  const response = exception.getResponse();
  let detail = exception.message;
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const message = (response as { message: unknown }).message;
    detail = Array.isArray(message) ? message.join('; ') : String(message);
  }
  if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)/.test(detail)) {
    detail = `there is no route ${detail.replace(/^Cannot /, '')}`;
  }
  return new DomainError(code, detail);
}

/** Errors the JSON body parser raises before a route runs: malformed JSON and oversized bodies. */
function fromBodyParserError(exception: unknown): DomainError | null {
  const error = exception as { type?: string; status?: number; limit?: number };
  if (!error || typeof error !== 'object' || typeof error.type !== 'string') return null;
  switch (error.type) {
    case 'entity.parse.failed':
      return new DomainError('validation', 'the body is not valid JSON');
    case 'entity.too.large':
      return new DomainError('payload_too_large', `the body is larger than the limit of ${error.limit} bytes`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new DomainError('validation', 'the body must be UTF-8 encoded JSON');
    default:
      return null;
  }
}

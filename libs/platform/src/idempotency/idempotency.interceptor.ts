import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  Logger,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiServiceUnavailableResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { from, Observable, of, switchMap } from 'rxjs';
import type { Actor } from '../access/actor';
import { DomainError, ValidationFailed } from '../errors/domain-error';
import { IdempotencyKeysRepository, StoredAnswer } from './idempotency-keys.repository';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_TTL_MS, idempotencyKeyProblem, requestFingerprint } from './idempotency-key';

/** A request whose process died mid-way holds its key no longer than this; answers come within 10 s. */
const LEASE_MS = 60_000;
const PRUNE_EVERY_MS = 60_000;
const PRUNE_ROWS = 1_000;

/**
 * `Idempotency-Key` for a POST: the first final answer (2xx, or 4xx other than 429) is stored with
 * the key, scoped to the user, and a repeat of the same request within 24 h gets it back without
 * running again. The answer is captured where it is sent, so a repeat gets the very bytes the
 * first request got, whether the handler or the problem filter wrote them. A 5xx releases the key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);
  private lastPrune = 0;

  constructor(private readonly keys: IdempotencyKeysRepository) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.headers['idempotency-key'];
    if (key === undefined || !request.actor) return next.handle();
    const problem = idempotencyKeyProblem(key);
    if (problem !== null) throw new ValidationFailed([{ field: IDEMPOTENCY_HEADER, message: problem }]);
    const userId = request.actor.id;
    const fingerprint = requestFingerprint(request.method, request.originalUrl, request.body);
    return from(this.claim(userId, key as string, fingerprint)).pipe(
      switchMap((stored) => {
        if (stored === null) {
          this.recordAnswer(response, userId, key as string);
          return next.handle();
        }
        if (stored.fingerprint !== fingerprint) {
          throw new DomainError(
            'unprocessable',
            `the ${IDEMPOTENCY_HEADER} was already used with another request; use a new key for a new request`,
          );
        }
        if (stored.status === null) {
          throw new DomainError(
            'conflict',
            `a request with this ${IDEMPOTENCY_HEADER} is still being answered; repeat it once that one is`,
            {},
            { 'Retry-After': '1' },
          );
        }
        replay(response, stored);
        return of(null);
      }),
    );
  }

  /** Null when this request now holds the key, else what the key holds. */
  private async claim(userId: string, key: string, fingerprint: string): Promise<StoredAnswer | null> {
    await this.prune();
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.keys.claim(userId, key, fingerprint, LEASE_MS, IDEMPOTENCY_TTL_MS)) return null;
      const stored = await this.keys.find(userId, key);
      if (stored) return stored;
    }
    throw new DomainError(
      'conflict',
      `the ${IDEMPOTENCY_HEADER} is contended; repeat the request`,
      {},
      {
        'Retry-After': '1',
      },
    );
  }

  /**
   * Stores the answer before it leaves, so a repeat sent the moment the client reads it finds the
   * answer and not a request in flight.
   */
  private recordAnswer(response: Response, userId: string, key: string): void {
    const send = response.send.bind(response);
    let settled = false;
    response.send = (body?: unknown) => {
      response.send = send;
      settled = true;
      const status = response.statusCode;
      if (status < 200 || status >= 500 || status === 429) {
        this.release(userId, key);
        return send(body);
      }
      const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
      const contentType = String(response.getHeader('content-type') ?? 'application/json');
      this.keys
        .storeAnswer(userId, key, status, contentType, text)
        .catch((error: unknown) => {
          this.logger.warn({ err: error }, 'could not store an idempotent answer; its key frees when its lease ends');
        })
        .finally(() => send(body));
      return response;
    };
    response.once('close', () => {
      if (!settled) this.release(userId, key);
    });
  }

  private release(userId: string, key: string): void {
    this.keys.release(userId, key).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'could not release an idempotency key; it frees when its lease ends');
    });
  }

  /** Expired keys go as new ones are written, a bounded number at a time. */
  private async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.keys
      .deleteExpired(PRUNE_ROWS)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not prune expired idempotency keys'));
  }
}

/** Nest replies to the replayed request as usual; its send writes the stored answer instead. */
function replay(response: Response, stored: StoredAnswer): void {
  const send = response.send.bind(response);
  response.send = () => {
    response.send = send;
    response.status(stored.status as number);
    response.setHeader('Content-Type', stored.content_type ?? 'application/json');
    response.setHeader('Idempotent-Replayed', 'true');
    return send(stored.body ?? '');
  };
}

/**
 * Opts a POST into `Idempotency-Key`. It goes above the route's other response decorators, so
 * its 409 and 422 explanations join theirs in the OpenAPI document.
 */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description:
        'Makes the request safe to repeat: a repeat by the same user with the same key and the same ' +
        'body within 24 h answers exactly what the first answered (status and body, with ' +
        '`Idempotent-Replayed: true`) and changes nothing. A 5xx answer frees the key for a retry.',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
    }),
    ApiBadRequestResponse({ description: '`Idempotency-Key` is not 1 to 255 printable ASCII characters' }),
    ApiConflictResponse({
      description: 'a request with the same `Idempotency-Key` is still being answered (see `Retry-After`)',
    }),
    ApiUnprocessableEntityResponse({
      description: 'the `Idempotency-Key` was already used with another request (method, path or body)',
    }),
    ApiServiceUnavailableResponse({
      description: 'a dependency is unavailable (see `Retry-After`); the key stays free for the retry',
    }),
  );

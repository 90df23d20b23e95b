import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { stdSerializers } from 'pino';
import type { FieldConfig } from '../config/field-config';
import { requestIdOf } from '../http/request-id';
import { redactUrl, withoutQueryValues } from './redact';

/**
 * What a log line keeps of a request. pino-http binds it to a child logger on every request, logged
 * or not, so it is small: no headers (so no tokens or cookies to redact), and no query values (a
 * calendar link's credential rides there).
 */
export function requestLogRecord(req: { id?: unknown; method?: string; url?: string; remoteAddress?: string }) {
  return {
    id: req.id,
    method: req.method,
    url: redactUrl(req.url),
    remoteAddress: req.remoteAddress,
  };
}

/** Structured JSON logs; each request carries an id (taken from X-Request-Id when sane) echoed back. */
@Module({})
export class LoggingModule {
  static forRoot(config: FieldConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            base: { role: config.role },
            genReqId: requestIdOf,
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
            serializers: {
              req: requestLogRecord,
              res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
              err: (error: Error) => withoutQueryValues(stdSerializers.err(error)),
            },
            // A refused request (4xx) is the field working as designed; only failures are errors.
            customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}

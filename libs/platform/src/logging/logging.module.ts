import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { FieldConfig } from '../config/field-config';
import { requestIdOf } from '../http/request-id';

/**
 * What a log line keeps of a request. pino-http binds it to a child logger on every request, logged
 * or not, so it is small: no headers (so no tokens or cookies to redact), and a calendar link's
 * credential, which rides in the query string, blanked.
 */
export function requestLogRecord(req: { id?: unknown; method?: string; url?: string; remoteAddress?: string }) {
  return {
    id: req.id,
    method: req.method,
    url: req.url?.replace(/([?&]feed=)[^&]*/g, '$1[redacted]'),
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

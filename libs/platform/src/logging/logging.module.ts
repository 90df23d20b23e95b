import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { FieldConfig } from '../config/field-config';
import { requestIdOf } from '../http/request-id';

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
            redact: {
              paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
              censor: '[redacted]',
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

import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AuditLogRepository } from './audit/audit-log.repository';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { ConfigModule } from './config/config.module';
import type { FieldConfig } from './config/field-config';
import { DatabasePing } from './database/database-ping';
import { DatabaseModule } from './database/database.module';
import { ProblemFilter } from './errors/problem.filter';
import { SchemaValidationPipe } from './errors/schema-validation.pipe';
import { HealthController } from './health/health.controller';
import { IdempotencyKeysRepository } from './idempotency/idempotency-keys.repository';
import { RequestContextMiddleware } from './http/request-context.middleware';
import { LoggingModule } from './logging/logging.module';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { RedisModule } from './redis/redis.module';
import { EventBus } from './events/event-bus';
import { JobsModule } from './jobs/jobs.module';

/**
 * What every process of the field needs: configuration, database, Redis, logs, errors, health,
 * metrics and the audit trail. `withAuditApi` adds `GET /audit` (api roles only).
 */
@Global()
@Module({})
export class PlatformModule implements NestModule {
  static forRoot(config: FieldConfig, options: { withAuditApi: boolean }): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        DatabaseModule.forRoot(config),
        RedisModule,
        JobsModule.forRoot({ processJobs: config.role !== 'api' }),
      ],
      controllers: [HealthController, MetricsController, ...(options.withAuditApi ? [AuditController] : [])],
      providers: [
        MetricsService,
        AuditLogRepository,
        AuditService,
        DatabasePing,
        IdempotencyKeysRepository,
        EventBus,
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useClass: SchemaValidationPipe },
      ],
      exports: [ConfigModule, MetricsService, AuditService, EventBus, JobsModule, IdempotencyKeysRepository],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware, HttpMetricsMiddleware).forRoutes('{*path}');
  }
}

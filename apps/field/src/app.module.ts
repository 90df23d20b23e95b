import { DynamicModule, Module } from '@nestjs/common';
import { EnrollmentHttpModule, EnrollmentModule } from '@app/enrollment';
import { ExamsHttpModule, ExamsModule } from '@app/exams';
import { FieldHttpModule, FieldModule } from '@app/field';
import { IdentityHttpModule, IdentityModule } from '@app/identity';
import { FieldConfig, FieldIoAdapter, PlatformModule } from '@app/platform';
import { ReportsHttpModule, ReportsModule } from '@app/reports';
import { SchedulingHttpModule, SchedulingModule } from '@app/scheduling';
import { ScoringHttpModule, ScoringModule } from '@app/scoring';
import { TelemetryHttpModule, TelemetryModule } from '@app/telemetry';
import { FieldInfoController } from './field-info.controller';

/**
 * The field's composition root. FIELD_ROLE picks the parts: `api` serves HTTP and sockets,
 * `worker` runs the job processors (and answers /health and /metrics), `all` runs both.
 */
@Module({})
export class AppModule {
  static forRole(config: FieldConfig): DynamicModule {
    const api = config.role === 'api' || config.role === 'all';
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config, { withAuditApi: api }),
        IdentityModule,
        FieldModule,
        EnrollmentModule,
        SchedulingModule,
        TelemetryModule,
        ExamsModule,
        ScoringModule,
        ReportsModule,
        ...(api
          ? [
              IdentityHttpModule,
              FieldHttpModule,
              EnrollmentHttpModule,
              SchedulingHttpModule,
              TelemetryHttpModule.forRoot({ rawJson: FieldIoAdapter.rawJson }),
              ExamsHttpModule,
              ScoringHttpModule,
              ReportsHttpModule,
            ]
          : []),
      ],
      controllers: api ? [FieldInfoController] : [],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { EnrollmentModule } from '@app/enrollment';
import { FieldModule } from '@app/field';
import { IdentityModule } from '@app/identity';
import { SchedulingModule } from '@app/scheduling';
import { IngestService } from './ingest/ingest.service';
import { LateTelemetry } from './ingest/late-telemetry';
import { RobotTelemetryController } from './ingest/robot-telemetry.controller';
import { RobotGateway } from './ingest/robot.gateway';
import { RunningSessionsView } from './ingest/running-sessions.view';
import { SessionTelemetryController } from './query/session-telemetry.controller';
import { SessionTelemetryService } from './query/session-telemetry.service';
import { TelemetryReader } from './query/telemetry-reader';
import { RAW_JSON_CHANNEL, RawJsonChannel } from './raw-json-channel';
import { PartitionMaintenance } from './storage/partition-maintenance';
import { TelemetryWriter } from './storage/telemetry-writer';
import { TelemetryRepository } from './storage/telemetry.repository';
import { WatchGateway } from './watch/watch.gateway';
import { WatchHub } from './watch/watch-hub';

/** Telemetry for every process: reading stored samples back, and partition upkeep (a job). */
@Module({
  providers: [TelemetryRepository, TelemetryReader, PartitionMaintenance],
  exports: [TelemetryReader, TelemetryRepository],
})
export class TelemetryModule {}

/**
 * The live side, in API processes: the robot and watch sockets, ingest, and the telemetry routes.
 * `rawJson` is the JSON side channel of the socket parser the app installs.
 */
@Module({
  imports: [TelemetryModule, IdentityModule, EnrollmentModule, FieldModule, SchedulingModule],
  controllers: [RobotTelemetryController, SessionTelemetryController],
  providers: [
    RunningSessionsView,
    TelemetryWriter,
    WatchHub,
    IngestService,
    LateTelemetry,
    SessionTelemetryService,
    RobotGateway,
    WatchGateway,
  ],
})
export class TelemetryHttpModule {
  static forRoot(sockets: { rawJson: RawJsonChannel }): DynamicModule {
    return { module: TelemetryHttpModule, providers: [{ provide: RAW_JSON_CHANNEL, useValue: sockets.rawJson }] };
  }
}

import { Module } from '@nestjs/common';
import { EnrollmentModule } from '@app/enrollment';
import { FieldModule } from '@app/field';
import { IdentityModule } from '@app/identity';
import { CalendarController } from './calendar/calendar.controller';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';

/** Training sessions: booking bays without double-booking, their lifecycle, and bay calendars. */
@Module({
  imports: [FieldModule, EnrollmentModule],
  providers: [SessionsService],
  exports: [SessionsService],
})
export class SchedulingModule {}

@Module({
  imports: [SchedulingModule, FieldModule, EnrollmentModule, IdentityModule],
  controllers: [SessionsController, CalendarController],
})
export class SchedulingHttpModule {}

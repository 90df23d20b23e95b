import { Module } from '@nestjs/common';
import { EnrollmentModule } from '@app/enrollment';
import { FieldModule } from '@app/field';
import { IdentityModule } from '@app/identity';
import { CalendarController } from './calendar/calendar.controller';
import { BookWindows } from './sessions/book-windows.use-case';
import { BookingBatcher } from './sessions/booking-batcher';
import { SeriesRepository } from './sessions/series.repository';
import { SessionBookingService } from './sessions/session-booking.service';
import { SessionLifecycleService } from './sessions/session-lifecycle.service';
import { SessionQueriesService } from './sessions/session-queries.service';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsRepository } from './sessions/sessions.repository';

/** Training sessions: booking bays without double-booking, their lifecycle, and bay calendars. */
@Module({
  imports: [FieldModule, EnrollmentModule],
  providers: [
    SessionsRepository,
    SeriesRepository,
    BookWindows,
    BookingBatcher,
    SessionBookingService,
    SessionLifecycleService,
    SessionQueriesService,
  ],
  exports: [SessionBookingService, SessionLifecycleService, SessionQueriesService],
})
export class SchedulingModule {}

@Module({
  imports: [SchedulingModule, FieldModule, EnrollmentModule, IdentityModule],
  controllers: [SessionsController, CalendarController],
})
export class SchedulingHttpModule {}
